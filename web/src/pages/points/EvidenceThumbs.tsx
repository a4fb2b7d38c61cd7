// The evidence photos of an entry, a request or an objection as small thumbnails opening the full photo
// (the server lets whoever sees the record read them).
import { Image } from 'antd';

export function EvidenceThumbs({ ids, size = 40 }: { ids: string[]; size?: number }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap', marginTop: 4 }} data-testid="evidence">
        {ids.map((id) => (
          <Image
            key={id}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            src={`/api/attachments/${id}/thumbnail`}
            preview={{ src: `/api/attachments/${id}` }}
          />
        ))}
      </span>
    </Image.PreviewGroup>
  );
}
