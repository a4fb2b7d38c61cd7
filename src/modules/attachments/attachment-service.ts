// Attachments: uploads checked by their content (type and size), stored content-addressed, with a thumbnail
// and a metadata-free copy of every image (EXIF carries the phone's location; citizens only ever get the
// clean copy). Readable by the uploader and by whoever can see a case that references the attachment.
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { type Kysely, sql } from 'kysely';
import sharp from 'sharp';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { jpegWithExif } from '../../domain/intake/jpeg-exif.js';
import { cleanFileName, jpegName, judgeUpload, storedAsJpeg } from '../../domain/intake/upload-rules.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/case-scope.js';
import { type ObjectStore, objectKey, type StorageKind } from './attachment-store.js';
import { decodeHeic } from './heic-decoder.js';

export interface AttachmentView {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnailUrl: string | null;
  url: string;
}

export const THUMBNAIL_PX = 320;
/** Larger images are refused rather than decoded (sharp's own default limit). */
const MAX_PIXELS = 100_000_000;

interface Renditions {
  width: number | null;
  height: number | null;
  /** The copy without any metadata, for citizens. */
  clean: Buffer;
  thumb: Buffer;
  /** What staff get instead of the upload itself (a HEIC photo's JPEG rendition), when not the upload. */
  staff?: Buffer;
}

function unreadable(name: string, detected: string | null): AppError {
  return new AppError('UNSUPPORTED_FILE_TYPE', {
    message: `图片「${name}」已损坏或无法读取，请重新拍摄或换一张图片`,
    details: { detected },
  });
}

/** A JPEG, PNG, WebP or GIF: sharp draws the thumbnail and the metadata-free copy. */
async function imageRenditions(
  name: string,
  bytes: Buffer,
  mime: string,
  detected: string | null,
): Promise<Renditions> {
  try {
    const image = sharp(bytes, { animated: mime === 'image/gif', limitInputPixels: MAX_PIXELS });
    const meta = await image.metadata();
    // Orientation lives in EXIF too: apply it to the pixels before dropping the metadata.
    const swap = (meta.orientation ?? 1) >= 5;
    // sharp writes no metadata unless asked (withMetadata): the output carries no EXIF, GPS or XMP.
    const clean = await sharp(bytes, { animated: mime === 'image/gif' })
      .rotate()
      .toBuffer();
    const thumb = await sharp(bytes)
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      width: (swap ? meta.height : meta.width) ?? null,
      height: (swap ? meta.width : meta.height) ?? null,
      clean,
      thumb,
    };
  } catch {
    throw unreadable(name, detected);
  }
}

/**
 * A HEIC/HEIF photo: libheif (WebAssembly, in a worker) decodes it; the JPEG made from its pixels is what
 * everybody gets — bare for citizens, with the photo's EXIF (position included) for staff — and its thumbnail.
 */
async function heicRenditions(name: string, bytes: Buffer, detected: string | null): Promise<Renditions> {
  // sharp reads a HEIF file's header (size, EXIF) though it cannot decode its HEVC pixels.
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => null);
  if (!meta) throw unreadable(name, detected);
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) {
    throw new AppError('UNSUPPORTED_FILE_TYPE', {
      message: `照片「${name}」像素过大（超过 1 亿像素），请缩小后重新上传`,
      details: { detected, width: meta.width, height: meta.height },
    });
  }
  const decoded = await decodeHeic(bytes).catch(() => {
    throw unreadable(name, detected);
  });
  try {
    const pixels = () => sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
    const clean = await pixels().flatten({ background: '#ffffff' }).jpeg({ quality: 88 }).toBuffer();
    const thumb = await pixels()
      .flatten({ background: '#ffffff' })
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      width: decoded.width,
      height: decoded.height,
      clean,
      thumb,
      staff: jpegWithExif(clean, meta.exif),
    };
  } catch {
    throw unreadable(name, detected);
  }
}

/** Answers whether the principal may see a record of its kind that references the attachment. */
export type AttachmentReferrer = (principal: Principal, attachmentId: string) => Promise<boolean>;

export class AttachmentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly store: ObjectStore,
    /** Readers for rows stored elsewhere before (files uploaded to DATA_DIR before a switch to S3). */
    private readonly readers: Partial<Record<StorageKind, ObjectStore | null>> = {},
  ) {}

  private storeOf(row: { storage: string }): ObjectStore {
    if (row.storage === this.store.kind) return this.store;
    const other = this.readers[row.storage as StorageKind];
    if (!other) throw new AppError('ATTACHMENT_NOT_FOUND', { message: `附件保存在未配置的存储（${row.storage}）中` });
    return other;
  }

  /** Releases the stores' connections (server shutdown). */
  async close(): Promise<void> {
    await Promise.all([this.store, ...Object.values(this.readers)].map((store) => store?.close?.()));
  }

  /** Checks and stores one uploaded file. Nothing is written unless every check passes. */
  async upload(
    principal: Principal,
    file: { fileName: string; claimedMime?: string | null; bytes: Buffer },
  ): Promise<AttachmentView> {
    const name = cleanFileName(file.fileName);
    if (file.bytes.length === 0) throw new AppError('VALIDATION_FAILED', { message: `文件「${name}」是空文件` });
    const detected = (await fileTypeFromBuffer(file.bytes))?.mime ?? null;
    const verdict = judgeUpload({ detected, fileName: name, claimedMime: file.claimedMime });
    if (!verdict.ok) throw new AppError('UNSUPPORTED_FILE_TYPE', { message: verdict.message, details: { detected } });

    let width: number | null = null;
    let height: number | null = null;
    let stored = file.bytes;
    let mime = verdict.mime;
    let storedName = name;
    let clean: Buffer | null = null;
    let thumb: Buffer | null = null;
    if (verdict.kind === 'image') {
      const images = storedAsJpeg(verdict.mime)
        ? await heicRenditions(name, file.bytes, detected)
        : await imageRenditions(name, file.bytes, verdict.mime, detected);
      ({ width, height, clean, thumb } = images);
      if (images.staff) {
        stored = images.staff;
        mime = 'image/jpeg';
        storedName = jpegName(name);
      }
    }

    // The upload's own hash names everything made from it (a HEIC photo's JPEG rendition included).
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const key = objectKey(sha256, stored === file.bytes ? '' : '.jpg');
    await this.store.put(key, stored);
    const cleanKey = clean ? objectKey(sha256, '.clean') : null;
    if (clean && cleanKey) await this.store.put(cleanKey, clean);
    const thumbKey = thumb ? objectKey(sha256, '.thumb.jpg') : null;
    if (thumb && thumbKey) await this.store.put(thumbKey, thumb);

    const row = await this.db
      .insertInto('attachments')
      .values({
        id: randomUUID(),
        sha256,
        name: storedName,
        mime,
        size: stored.length,
        width,
        height,
        storage: this.store.kind,
        object_key: key,
        clean_key: cleanKey,
        thumb_key: thumbKey,
        uploaded_by_user_id: principal.kind === 'user' ? principal.userId : null,
        uploaded_by_api_key_id: principal.kind === 'api_key' ? principal.apiKeyId : null,
        created_at: this.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return view(row);
  }

  async describe(principal: Principal, id: string): Promise<AttachmentView> {
    return view(await this.readable(principal, id));
  }

  /** The bytes to send: the original for staff, the metadata-free copy for citizens and the public. */
  async content(
    principal: Principal,
    id: string,
    variant: 'file' | 'thumbnail',
  ): Promise<{ bytes: Buffer; mime: string; name: string }> {
    const row = await this.readable(principal, id);
    if (variant === 'thumbnail') {
      if (!row.thumb_key) throw new AppError('ATTACHMENT_NOT_FOUND', { message: '该附件不是图片，没有缩略图' });
      return { bytes: await this.storeOf(row).get(row.thumb_key), mime: 'image/jpeg', name: row.name };
    }
    const staff = principal.kind === 'user' && principal.role !== 'citizen';
    const key = !staff && row.clean_key ? row.clean_key : row.object_key;
    return { bytes: await this.storeOf(row).get(key), mime: row.mime, name: row.name };
  }

  /**
   * The bytes of an attachment a public page shows (a news post's cover, issue 17 §3): always the metadata-free
   * copy or the thumbnail, never the original; the caller decides that the attachment is public.
   */
  async publicContent(id: string, variant: 'file' | 'thumbnail'): Promise<{ bytes: Buffer; mime: string }> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('ATTACHMENT_NOT_FOUND');
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    const key = variant === 'thumbnail' ? row?.thumb_key : row?.clean_key;
    if (!row || !key) throw new AppError('ATTACHMENT_NOT_FOUND');
    return { bytes: await this.storeOf(row).get(key), mime: variant === 'thumbnail' ? 'image/jpeg' : row.mime };
  }

  private readonly referrers: AttachmentReferrer[] = [];

  /**
   * Another record type that references attachments (a task's evidence, a project's monthly report …): whoever
   * may see such a record may read its attachments.
   */
  registerReferrer(referrer: AttachmentReferrer): void {
    this.referrers.push(referrer);
  }

  /** Ids among `ids` that do not exist or that this principal did not upload (for intake validation). */
  async notOwnedBy(principal: Principal, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('attachments').selectAll().where('id', 'in', ids).execute();
    const owned = new Set(rows.filter((r) => uploadedBy(r, principal)).map((r) => r.id));
    return ids.filter((id) => !owned.has(id));
  }

  private async readable(principal: Principal, id: string) {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('ATTACHMENT_NOT_FOUND');
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
    if (uploadedBy(row, principal)) return row;
    if (principal.kind === 'api_key' && !principal.permissions.has('case.read'))
      throw new AppError('ATTACHMENT_NOT_FOUND');
    const onVisibleCase = await this.db
      .selectFrom('cases')
      .select('cases.id')
      .where(casesVisibleTo(principal))
      .where((eb) =>
        eb.or([
          sql<boolean>`cases.attachment_ids @> ARRAY[${id}]::text[]`,
          eb(
            'cases.id',
            'in',
            eb
              .selectFrom('case_events')
              .select('case_events.case_id')
              .where(sql<boolean>`case_events.attachment_ids @> ARRAY[${id}]::text[]`),
          ),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    if (onVisibleCase) return row;
    for (const referrer of this.referrers) if (await referrer(principal, id)) return row;
    throw new AppError('ATTACHMENT_NOT_FOUND');
  }
}

function uploadedBy(
  row: { uploaded_by_user_id: number | null; uploaded_by_api_key_id: number | null },
  principal: Principal,
): boolean {
  if (principal.kind === 'user')
    return row.uploaded_by_user_id !== null && row.uploaded_by_user_id === principal.userId;
  return row.uploaded_by_api_key_id !== null && row.uploaded_by_api_key_id === principal.apiKeyId;
}

function view(row: {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumb_key: string | null;
}): AttachmentView {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    thumbnailUrl: row.thumb_key ? `/api/attachments/${row.id}/thumbnail` : null,
    url: `/api/attachments/${row.id}`,
  };
}
