// Photos of a case as thumbnails; a tap opens the full picture (citizens get the copy without EXIF data).
import { Image } from 'antd';

export function Photos({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="case-photos">
        {ids.map((id) => (
          <Image
            key={id}
            width={76}
            height={76}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            src={`/api/attachments/${id}/thumbnail`}
            preview={{ src: `/api/attachments/${id}` }}
          />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
