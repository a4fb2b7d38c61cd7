// Highlighting matched query terms in case text: the text is split into segments, matched ones marked, so
// the web app renders them without any HTML from the server. Long texts are cut to a window around the
// first match.

export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** Splits `text` into segments, marking every occurrence of any term (case-insensitive, longest term first). */
export function highlightSegments(text: string, terms: readonly string[]): HighlightSegment[] {
  const wanted = [...new Set(terms.map((t) => t.toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!text) return [];
  if (wanted.length === 0) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const out: HighlightSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const hit = wanted.find((t) => lower.startsWith(t, i));
    if (hit) {
      if (plain) out.push({ text: plain, match: false });
      plain = '';
      out.push({ text: text.slice(i, i + hit.length), match: true });
      i += hit.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push({ text: plain, match: false });
  return out;
}

/** A snippet of at most `maxLength` characters around the first match (or the start), highlighted. */
export function highlightSnippet(text: string, terms: readonly string[], maxLength = 120): HighlightSegment[] {
  if (text.length <= maxLength) return highlightSegments(text, terms);
  const lower = text.toLowerCase();
  const first = Math.min(
    ...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((p) => p >= 0),
    Number.POSITIVE_INFINITY,
  );
  const start = Number.isFinite(first)
    ? Math.max(0, Math.min(first - Math.floor(maxLength / 4), text.length - maxLength))
    : 0;
  const piece = text.slice(start, start + maxLength);
  const segments = highlightSegments(piece, terms);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (start + maxLength < text.length) segments.push({ text: '…', match: false });
  return segments;
}
