// Photos for a report: picked (or taken) on the phone, uploaded one at a time to /api/attachments with a
// progress bar each, removable; the form sends only the ids of those that finished.
import { CameraOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { Progress, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from './photos';

// the forms import the photo state from here with the uploader
export { type Photo, photoIds, photosBusy } from './photos';

interface Uploaded {
  id: string;
  thumbnailUrl?: string;
  url?: string;
}

/** Uploads one file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadAttachment(file: File, onProgress: (percent: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/attachments');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { message?: string; id?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) resolve(body as Uploaded);
      else reject(new Error(body?.message ?? `上传失败（${xhr.status}）`));
    };
    xhr.onerror = () => reject(new Error('网络不稳定，上传失败，请重试'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function PhotoUploader({
  value,
  onChange,
  max = 9,
  disabled = false,
  testId = 'photos',
  label,
}: {
  value: Photo[];
  onChange: (update: (photos: Photo[]) => Photo[]) => void;
  max?: number;
  disabled?: boolean;
  testId?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const files = useRef(new Map<string, File>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const patch = (key: string, change: Partial<Photo>) =>
    onChange((photos) => photos.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const upload = (key: string) => {
    const file = files.current.get(key);
    if (!file) return;
    // One at a time: a phone on a weak network does better with one upload than with nine.
    queue.current = queue.current.then(async () => {
      patch(key, { status: 'uploading', percent: 0, error: undefined });
      try {
        const res = await uploadAttachment(file, (percent) => patch(key, { percent }));
        patch(key, { status: 'done', percent: 100, id: res.id, thumbnailUrl: res.thumbnailUrl });
      } catch (err) {
        patch(key, { status: 'error', error: err instanceof Error ? err.message : String(err) });
      }
    });
  };

  const add = (list: FileList | null) => {
    if (!list) return;
    const room = max - value.length;
    const picked = Array.from(list).slice(0, Math.max(room, 0));
    const added: Photo[] = picked.map((file) => {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      files.current.set(key, file);
      return { key, name: file.name, status: 'waiting', percent: 0, preview: URL.createObjectURL(file) };
    });
    onChange((photos) => [...photos, ...added]);
    for (const p of added) upload(p.key);
    if (input.current) input.current.value = '';
  };

  const remove = (key: string) => {
    files.current.delete(key);
    onChange((photos) => photos.filter((p) => p.key !== key));
  };

  return (
    <div data-testid={testId}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {value.map((p) => (
          <div key={p.key} className="gz-photo" data-testid={`${testId}-item`} data-status={p.status}>
            <img src={p.thumbnailUrl ?? p.preview} alt={p.name} />
            {(p.status === 'uploading' || p.status === 'waiting') && (
              <div className="gz-photo-overlay">
                <Progress
                  type="circle"
                  percent={p.percent}
                  size={40}
                  strokeColor="#fff"
                  railColor="rgba(255,255,255,.3)"
                />
              </div>
            )}
            {p.status === 'error' && (
              <button
                type="button"
                className="gz-photo-overlay gz-photo-error"
                onClick={() => upload(p.key)}
                title={p.error}
              >
                <ReloadOutlined /> {t('重试')}
              </button>
            )}
            <button
              type="button"
              className="gz-photo-remove"
              aria-label={t('删除照片')}
              onClick={() => remove(p.key)}
              data-testid={`${testId}-remove`}
            >
              <CloseOutlined />
            </button>
          </div>
        ))}
        {value.length < max && (
          <button
            type="button"
            className="gz-photo gz-photo-add"
            disabled={disabled}
            onClick={() => input.current?.click()}
            data-testid={`${testId}-add`}
          >
            <CameraOutlined style={{ fontSize: 22 }} />
            <span>{label ?? t('添加照片')}</span>
          </button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        onChange={(e) => add(e.target.files)}
        data-testid={`${testId}-input`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('{{n}}/{{max}} 张', { n: value.length, max })}
        {value.some((p) => p.status === 'error') ? ` · ${t('有照片上传失败，点击照片重试')}` : ''}
      </Typography.Text>
    </div>
  );
}
