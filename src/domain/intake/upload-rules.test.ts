import { describe, expect, it } from 'vitest';
import { cleanFileName, jpegName, judgeUpload, storedAsJpeg } from './upload-rules.js';

describe('judgeUpload', () => {
  it('accepts a JPEG whatever its name', () => {
    expect(judgeUpload({ detected: 'image/jpeg', fileName: 'photo.bin' })).toEqual({
      ok: true,
      mime: 'image/jpeg',
      kind: 'image',
    });
  });
  it('accepts PDF and MP4', () => {
    expect(judgeUpload({ detected: 'application/pdf', fileName: 'a.pdf' }).ok).toBe(true);
    expect(judgeUpload({ detected: 'video/mp4', fileName: 'a.mp4' }).ok).toBe(true);
  });
  it('rejects a PDF disguised as a JPEG', () => {
    const v = judgeUpload({ detected: 'application/pdf', fileName: 'photo.jpg' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain('不是图片');
  });
  it('rejects unknown content named .jpg', () => {
    const v = judgeUpload({ detected: null, fileName: 'photo.jpg', claimedMime: 'image/jpeg' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain('不是可识别的图片');
  });
  it('rejects executables', () => {
    expect(judgeUpload({ detected: 'application/x-elf', fileName: 'a.bin' }).ok).toBe(false);
  });
  it('accepts HEIC and HEIF photos, kept as a JPEG rendition', () => {
    expect(judgeUpload({ detected: 'image/heic', fileName: 'IMG_1.HEIC' })).toEqual({
      ok: true,
      mime: 'image/heic',
      kind: 'image',
    });
    expect(judgeUpload({ detected: 'image/heif', fileName: 'x.bin' }).ok).toBe(true);
    expect(storedAsJpeg('image/heic')).toBe(true);
    expect(storedAsJpeg('image/jpeg')).toBe(false);
    expect(jpegName('IMG_1.HEIC')).toBe('IMG_1.jpg');
    expect(jpegName('照片')).toBe('照片.jpg');
  });
});

describe('cleanFileName', () => {
  it('drops paths and control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\x\\照片"1".jpg')).toBe('照片1.jpg');
    expect(cleanFileName('')).toBe('file');
  });
});
