// Special-group tags (特殊人群). The list is configurable; some tags (刑满释放, 社区矫正, 严重精神障碍患者 by
// default) are sensitive: only a principal holding griddata.sensitive sees them, filters by them, counts them
// or sets them. For everyone else they do not exist — and an edit by such a principal keeps them untouched.

export const DEFAULT_TAGS: readonly { name: string; sensitive: boolean }[] = [
  { name: '独居老人', sensitive: false },
  { name: '空巢老人', sensitive: false },
  { name: '残疾人', sensitive: false },
  { name: '留守儿童', sensitive: false },
  { name: '困境儿童', sensitive: false },
  { name: '低保', sensitive: false },
  { name: '退役军人', sensitive: false },
  { name: '党员', sensitive: false },
  { name: '刑满释放', sensitive: true },
  { name: '社区矫正', sensitive: true },
  { name: '严重精神障碍患者', sensitive: true },
];

export const SENSITIVE_TAG_PERMISSION = 'griddata.sensitive' as const;

export interface TagCatalogue {
  known: ReadonlySet<string>;
  sensitive: ReadonlySet<string>;
}

export function catalogueOf(tags: readonly { name: string; sensitive: boolean; active?: boolean }[]): TagCatalogue {
  const active = tags.filter((t) => t.active !== false);
  return {
    known: new Set(active.map((t) => t.name)),
    sensitive: new Set(tags.filter((t) => t.sensitive).map((t) => t.name)),
  };
}

/** The permission needed to see or set a tag, or null for a tag every reader of the grid sees. */
export function tagPermission(tag: string, catalogue: TagCatalogue): typeof SENSITIVE_TAG_PERMISSION | null {
  return catalogue.sensitive.has(tag) ? SENSITIVE_TAG_PERMISSION : null;
}

/** The tags a principal may see. */
export function visibleTags(tags: readonly string[], catalogue: TagCatalogue, canSeeSensitive: boolean): string[] {
  return canSeeSensitive ? [...tags] : tags.filter((t) => !catalogue.sensitive.has(t));
}

/**
 * The tags after an edit: what the principal set, plus the sensitive tags it could not see (kept as they
 * were). A principal without the permission who names a sensitive tag is refused (returned as `refused`).
 */
export function tagsAfterEdit(
  before: readonly string[],
  requested: readonly string[],
  catalogue: TagCatalogue,
  canSeeSensitive: boolean,
): { tags: string[]; unknown: string[]; refused: string[] } {
  const unknown = requested.filter((t) => !catalogue.known.has(t) && !before.includes(t));
  const refused = canSeeSensitive ? [] : requested.filter((t) => catalogue.sensitive.has(t) && !before.includes(t));
  const hidden = canSeeSensitive ? [] : before.filter((t) => catalogue.sensitive.has(t));
  const chosen = canSeeSensitive ? requested : requested.filter((t) => !catalogue.sensitive.has(t));
  const tags = [...new Set([...chosen, ...hidden])];
  return { tags, unknown, refused };
}
