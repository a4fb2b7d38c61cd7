// Text with the matched search terms marked (segments come from the server; no HTML is injected).
import type { HighlightSegment } from '../../api-types';

export function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <mark key={i} className="gz-hit" style={{ background: '#ffe58f', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
