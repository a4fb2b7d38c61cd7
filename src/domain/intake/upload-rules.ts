// What an upload may be, judged by its content (the detected type), never by its name.
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Content types accepted as attachments, and whether the server can draw a thumbnail for each. */
export const ACCEPTED_TYPES: Record<string, { kind: 'image' | 'document' | 'video'; thumbnail: boolean }> = {
  'image/jpeg': { kind: 'image', thumbnail: true },
  'image/png': { kind: 'image', thumbnail: true },
  'image/webp': { kind: 'image', thumbnail: true },
  'image/gif': { kind: 'image', thumbnail: true },
  // iPhones' photos: stored as a JPEG rendition (the server decodes HEVC with libheif in WebAssembly).
  'image/heic': { kind: 'image', thumbnail: true },
  'image/heif': { kind: 'image', thumbnail: true },
  'application/pdf': { kind: 'document', thumbnail: false },
  'video/mp4': { kind: 'video', thumbnail: false },
};

const IMAGE_NAME = /\.(jpe?g|png|webp|gif|heic|heif|bmp)$/i;

export type UploadVerdict =
  | { ok: true; mime: string; kind: 'image' | 'document' | 'video' }
  | { ok: false; message: string };

/**
 * Decides on an upload from the type detected in its bytes (`detected`, null when unknown), the name the
 * client gave, and the type the client claimed. The message is for the person who uploaded it.
 */
export function judgeUpload(input: {
  detected: string | null;
  fileName: string;
  claimedMime?: string | null;
}): UploadVerdict {
  const { detected, fileName } = input;
  const looksLikeImage = IMAGE_NAME.test(fileName) || (input.claimedMime ?? '').startsWith('image/');
  if (detected && ACCEPTED_TYPES[detected]) {
    const accepted = ACCEPTED_TYPES[detected];
    if (looksLikeImage && accepted.kind !== 'image') {
      return {
        ok: false,
        message: `文件「${fileName}」名为图片，但内容不是图片（实为 ${describe(detected)}），请上传真实的照片`,
      };
    }
    return { ok: true, mime: detected, kind: accepted.kind };
  }
  if (looksLikeImage) {
    return {
      ok: false,
      message: `文件「${fileName}」名为图片，但内容不是可识别的图片（${detected ? describe(detected) : '未知格式'}），请上传真实的 JPEG/PNG/WebP/GIF/HEIC 照片`,
    };
  }
  return {
    ok: false,
    message: `不支持的文件类型（${detected ? describe(detected) : '未知格式'}）：只能上传 JPEG/PNG/WebP/GIF/HEIC 图片、PDF 文档或 MP4 视频`,
  };
}

/** Photo types kept as a JPEG rendition rather than as uploaded (browsers cannot show them). */
export function storedAsJpeg(mime: string): boolean {
  return mime === 'image/heic' || mime === 'image/heif';
}

/** The name of the JPEG rendition of an upload: the same name with .jpg for its extension. */
export function jpegName(name: string): string {
  return /\.(heic|heif)$/i.test(name) ? name.replace(/\.(heic|heif)$/i, '.jpg') : `${name}.jpg`;
}

function describe(mime: string): string {
  return mime;
}

/** A file name safe to keep and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'file').slice(0, 200);
}
