// Attachments through HTTP: type and size judged by content, thumbnails, EXIF location stripped for citizens,
// HEIC photos kept as JPEG, nothing stored on a rejected upload, and only the uploader (or those who can see a
// case) may read one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  citizenLogin,
  filesUnder,
  multipartBody,
  photoWithLocation,
  reportWithAttachment,
  uploadFile,
} from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let dataDir: string;
let citizen: Record<string, string>;
let grid: Record<string, string>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-attach-'));
  sys = await startTestSystem({ env: { DATA_DIR: dataDir } });
  citizen = await citizenLogin(sys);
  grid = await sys.login('grid');
}, 120_000);
afterAll(async () => {
  await sys?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('upload', () => {
  it('stores a photo with its size, a thumbnail, and an EXIF-free copy for citizens', async () => {
    const photo = await photoWithLocation();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const r = await uploadFile(sys, citizen, '现场.jpg', photo);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: '现场.jpg',
      mime: 'image/jpeg',
      size: photo.length,
      width: 1200,
      height: 800,
    });
    expect(r.body.url).toBe(`/api/attachments/${r.body.id}`);
    expect(r.body.thumbnailUrl).toBe(`/api/attachments/${r.body.id}/thumbnail`);

    const file = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta.width).toBe(1200);
    expect(meta.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('TestPhone'))).toBe(false);

    const thumb = await sys.request({ method: 'GET', url: r.body.thumbnailUrl, headers: citizen });
    expect(thumb.statusCode).toBe(200);
    const tmeta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(tmeta.width ?? 0, tmeta.height ?? 0)).toBe(320);
    expect(tmeta.exif).toBeUndefined();
  });

  it('judges the type by content: a PNG named .bin is a PNG, a PDF is accepted without thumbnail', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#f00' } })
      .png()
      .toBuffer();
    const r = await uploadFile(sys, grid, 'scan.bin', png, 'application/octet-stream');
    expect(r.status).toBe(201);
    expect(r.body.mime).toBe('image/png');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const d = await uploadFile(sys, grid, '材料.pdf', pdf, 'application/pdf');
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ mime: 'application/pdf', thumbnailUrl: null, width: null });
    const t = await sys.request({ method: 'GET', url: `/api/attachments/${d.body.id}/thumbnail`, headers: grid });
    expect(t.statusCode).toBe(404);
  });

  it('rejects a non-image disguised as a JPEG, in Chinese, and stores nothing', async () => {
    const before = filesUnder(path.join(dataDir, 'uploads')).length;
    const exe = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 7)]);
    const r = await uploadFile(sys, citizen, 'photo.jpg', exe);
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(r.body.message).toMatch(/photo\.jpg.*不是/);
    const text = await uploadFile(sys, citizen, '照片.jpg', Buffer.from('这不是图片'.repeat(100)));
    expect(text.status).toBe(415);
    expect(text.body.message).toContain('不是可识别的图片');
    const pdfAsJpeg = await uploadFile(sys, citizen, 'x.jpg', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdfAsJpeg.status).toBe(415);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    const b = await uploadFile(sys, citizen, 'broken.jpg', broken);
    expect(b.status).toBe(415);
    expect(b.body.message).toContain('损坏');
    expect(filesUnder(path.join(dataDir, 'uploads')).length).toBe(before);
    const rows = await sys.services.db.selectFrom('attachments').select('name').execute();
    expect(rows.map((x) => x.name)).not.toContain('photo.jpg');
  });

  it('rejects a 30 MB file with 413 and a Chinese message, storing nothing', async () => {
    const before = filesUnder(path.join(dataDir, 'uploads')).length;
    const big = Buffer.alloc(30 * 1024 * 1024, 0);
    big.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const r = await uploadFile(sys, citizen, 'big.jpg', big);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(r.body.message).toContain('20 MB');
    expect(filesUnder(path.join(dataDir, 'uploads')).length).toBe(before);
  });

  it('requires sign-in and the field `file`', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const { payload, contentType } = multipartBody('a.png', png, 'image/png');
    const anon = await sys.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(anon.statusCode).toBe(401);
    const wrong = multipartBody('a.png', png, 'image/png', 'photo');
    const w = await sys.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...citizen, 'content-type': wrong.contentType },
      payload: wrong.payload,
    });
    expect(w.statusCode).toBe(400);
    expect(w.json().message).toContain('file');
  });
});

describe('HEIC photos (iPhone)', () => {
  const heic = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'photo-exif-gps.heic'));

  /** The RGB of one pixel of a JPEG. */
  async function pixel(jpeg: Buffer, x: number, y: number): Promise<number[]> {
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const i = (y * info.width + x) * info.channels;
    return [data[i] as number, data[i + 1] as number, data[i + 2] as number];
  }

  it('are accepted and kept as a JPEG rendition with a thumbnail; citizens get no EXIF, staff the EXIF', async () => {
    expect(heic.includes(Buffer.from('TestPhone'))).toBe(true);
    const r = await uploadFile(sys, citizen, 'IMG_0001.HEIC', heic, 'image/heic');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'IMG_0001.jpg', mime: 'image/jpeg', width: 480, height: 360 });

    const file = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toContain('IMG_0001.jpg');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 360 });
    expect(meta.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('TestPhone'))).toBe(false);
    expect(r.body.size).toBeGreaterThan(0);
    // The pixels are the photo's: the checkerboard's first square dark, the next one bright blue.
    const [r0, g0, b0] = await pixel(file.rawPayload, 10, 10);
    const [, , b1] = await pixel(file.rawPayload, 40, 10);
    expect(Math.max(r0 as number, g0 as number, b0 as number)).toBeLessThan(90);
    expect(b1).toBeGreaterThan(150);

    const thumb = await sys.request({ method: 'GET', url: r.body.thumbnailUrl, headers: citizen });
    expect(thumb.statusCode).toBe(200);
    const tmeta = await sharp(thumb.rawPayload).metadata();
    expect([tmeta.format, tmeta.width, tmeta.height]).toEqual(['jpeg', 320, 240]);

    // Staff who can see a case with the photo get the rendition with the phone's EXIF (GPS included).
    await reportWithAttachment(sys, citizen, '路边护栏倒了，附 iPhone 拍的照片。', r.body.id);
    const staff = await sys.request({ method: 'GET', url: r.body.url, headers: await sys.login('county') });
    expect(staff.statusCode).toBe(200);
    const smeta = await sharp(staff.rawPayload).metadata();
    expect(smeta.format).toBe('jpeg');
    expect(smeta.exif).toBeDefined();
    expect(staff.rawPayload.includes(Buffer.from('TestPhone'))).toBe(true);
    expect(smeta.orientation ?? 1).toBe(1);
  });

  it('a damaged HEIC is refused in Chinese and nothing is stored', async () => {
    const before = filesUnder(path.join(dataDir, 'uploads')).length;
    const rowsBefore = await sys.services.db.selectFrom('attachments').select('id').execute();
    const truncated = heic.subarray(0, 600);
    const r = await uploadFile(sys, citizen, 'IMG_0002.HEIC', truncated, 'image/heic');
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(r.body.message).toContain('损坏');
    expect(filesUnder(path.join(dataDir, 'uploads')).length).toBe(before);
    const rowsAfter = await sys.services.db.selectFrom('attachments').select('id').execute();
    expect(rowsAfter.length).toBe(rowsBefore.length);
  });
});

describe('who may read', () => {
  it('the uploader yes; another citizen and unrelated staff get 404', async () => {
    const photo = await photoWithLocation();
    const r = await uploadFile(sys, citizen, 'mine.jpg', photo);
    const other = await citizenLogin(sys, '13800000002');
    for (const headers of [other, grid]) {
      const x = await sys.request({ method: 'GET', url: r.body.url, headers });
      expect(x.statusCode).toBe(404);
      expect(x.json().code).toBe('ATTACHMENT_NOT_FOUND');
    }
    const bogus = await sys.request({ method: 'GET', url: '/api/attachments/not-an-id', headers: citizen });
    expect(bogus.statusCode).toBe(404);
  });

  it('staff who can see a case referencing it get the original, with its EXIF', async () => {
    const photo = await photoWithLocation();
    const r = await uploadFile(sys, citizen, 'case.jpg', photo);
    const county = await sys.login('county');
    const before = await sys.request({ method: 'GET', url: r.body.url, headers: county });
    expect(before.statusCode).toBe(404);
    // A case that references it (the citizen's report with this photo).
    await reportWithAttachment(sys, citizen, '小区门口井盖缺失，附现场照片。', r.body.id);
    const x = await sys.request({ method: 'GET', url: r.body.url, headers: county });
    expect(x.statusCode).toBe(200);
    expect((await sharp(x.rawPayload).metadata()).exif).toBeDefined();
    const again = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect((await sharp(again.rawPayload).metadata()).exif).toBeUndefined();
  });
});
