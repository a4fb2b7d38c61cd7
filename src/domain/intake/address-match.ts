// Finds where a hotline address lies when the order carries no coordinates: the most specific organisation
// (grid, then village/community, then town/street) whose name appears in the address text.
export interface PlaceName {
  id: number;
  name: string;
  kind: 'town' | 'village' | 'grid';
  parentId: number | null;
}

export interface AddressMatch {
  id: number;
  kind: PlaceName['kind'];
  name: string;
}

const RANK: Record<PlaceName['kind'], number> = { grid: 3, village: 2, town: 1 };

/**
 * The best place named in `address`: a longer, more specific name wins; a village or grid whose town is
 * also named in the address beats a same-named one elsewhere. Null when nothing matches.
 */
export function matchAddress(address: string, places: readonly PlaceName[]): AddressMatch | null {
  const text = address.replace(/\s+/g, '');
  if (!text) return null;
  const named = new Set<number>();
  const hits = places.filter((p) => p.name.length >= 2 && text.includes(p.name));
  for (const p of hits) named.add(p.id);
  const byId = new Map(places.map((p) => [p.id, p] as const));
  let best: { place: PlaceName; score: number } | null = null;
  for (const p of hits) {
    let score = RANK[p.kind] * 1000 + p.name.length;
    let parent = p.parentId === null ? undefined : byId.get(p.parentId);
    while (parent) {
      if (named.has(parent.id)) score += 100;
      parent = parent.parentId === null ? undefined : byId.get(parent.parentId);
    }
    if (!best || score > best.score) best = { place: p, score };
  }
  return best ? { id: best.place.id, kind: best.place.kind, name: best.place.name } : null;
}
