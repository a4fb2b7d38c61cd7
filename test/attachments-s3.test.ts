// Attachments in an S3-compatible bucket (S3_BUCKET set): a real S3 server (s3rver) runs in this process; uploads
// through the API land in the bucket, not under DATA_DIR, and read back (original, metadata-free copy,
// thumbnail); files stored under DATA_DIR before the switch stay readable; a store that is down answers 503 in
// Chinese and records nothing. Also the S3_* settings' validation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { LocalObjectStore } from '../src/modules/attachments/attachment-store.js';
import { citizenLogin, filesUnder, photoWithLocation, reportWithAttachment, uploadFile } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const BUCKET = 'gz-attachments';
const PREFIX = 'county-330788/';

let s3server: S3rver;
let s3: S3Client;
let sys: TestSystem;
let dataDir: string;
let s3Dir: string;
let citizen: Record<string, string>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-s3-data-'));
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-s3-bucket-'));
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({
    endpoint,
    region: 'cn-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  sys = await startTestSystem({
    env: {
      DATA_DIR: dataDir,
      S3_ENDPOINT: endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: 'cn-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'county-330788',
    },
  });
  citizen = await citizenLogin(sys);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
  s3?.destroy();
  await s3server?.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page: ListObjectsV2CommandOutput = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

async function bucketObject(key: string): Promise<Buffer> {
  const o = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await (o.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

describe('S3-compatible attachment store', () => {
  it('stores an upload in the bucket (under S3_PREFIX), never under DATA_DIR, and reads every variant back', async () => {
    const photo = await photoWithLocation(900, 600);
    const r = await uploadFile(sys, citizen, '现场.jpg', photo);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mime: 'image/jpeg', size: photo.length, width: 900, height: 600 });

    const row = await sys.services.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(row.storage).toBe('s3');
    const keys = await bucketKeys();
    expect(keys).toEqual(
      expect.arrayContaining([`${PREFIX}${row.object_key}`, `${PREFIX}${row.clean_key}`, `${PREFIX}${row.thumb_key}`]),
    );
    expect(keys.every((k) => k.startsWith(PREFIX))).toBe(true);
    expect((await bucketObject(`${PREFIX}${row.object_key}`)).equals(photo)).toBe(true);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);

    // The citizen (the uploader) gets the metadata-free copy and the thumbnail, both out of the bucket.
    const file = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect(file.statusCode).toBe(200);
    expect((await sharp(file.rawPayload).metadata()).exif).toBeUndefined();
    expect(file.rawPayload.equals(await bucketObject(`${PREFIX}${row.clean_key}`))).toBe(true);
    const thumb = await sys.request({ method: 'GET', url: r.body.thumbnailUrl, headers: citizen });
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);

    // Staff who can see a case referencing it get the original, byte for byte.
    await reportWithAttachment(sys, citizen, '小区门口井盖缺失，附现场照片。', r.body.id);
    const staff = await sys.request({ method: 'GET', url: r.body.url, headers: await sys.login('county') });
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.equals(photo)).toBe(true);

    // The same photo again is the same objects (content-addressed), not new ones.
    const again = await uploadFile(sys, citizen, '现场2.jpg', photo);
    expect(again.status).toBe(201);
    expect(await bucketKeys()).toEqual(keys);
  });

  it('keeps a HEIC photo as its JPEG rendition in the bucket', async () => {
    const heic = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'photo-exif-gps.heic'));
    const r = await uploadFile(sys, citizen, 'IMG_0100.HEIC', heic, 'image/heic');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mime: 'image/jpeg', name: 'IMG_0100.jpg', width: 480, height: 360 });
    const row = await sys.services.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    const stored = await bucketObject(`${PREFIX}${row.object_key}`);
    expect((await sharp(stored).metadata()).format).toBe('jpeg');
    const thumb = await sys.request({ method: 'GET', url: r.body.thumbnailUrl, headers: citizen });
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('reads a file stored under DATA_DIR before the switch to S3 from there', async () => {
    const photo = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const r = await uploadFile(sys, citizen, 'old.png', photo, 'image/png');
    const row = await sys.services.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    // Move it: into DATA_DIR/uploads as the local store keeps it, out of the bucket, and say so on the row.
    const local = new LocalObjectStore(path.join(dataDir, 'uploads'));
    for (const key of [row.object_key, row.clean_key, row.thumb_key] as string[]) {
      await local.put(key, await bucketObject(`${PREFIX}${key}`));
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${key}` }));
    }
    await sys.services.db.updateTable('attachments').set({ storage: 'local' }).where('id', '=', row.id).execute();
    const thumb = await sys.request({ method: 'GET', url: r.body.thumbnailUrl, headers: citizen });
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(50);
    const file = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect(file.statusCode).toBe(200);
    // An object missing from the bucket is a 404 naming the problem, not a 500.
    await sys.services.db.updateTable('attachments').set({ storage: 's3' }).where('id', '=', row.id).execute();
    const gone = await sys.request({ method: 'GET', url: r.body.url, headers: citizen });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('ATTACHMENT_NOT_FOUND');
  });

  it('a rejected upload puts nothing in the bucket', async () => {
    const before = await bucketKeys();
    const r = await uploadFile(sys, citizen, 'photo.jpg', Buffer.from('这不是图片'.repeat(100)));
    expect(r.status).toBe(415);
    expect(await bucketKeys()).toEqual(before);
  });

  // Last: it stops the S3 server.
  it('a store that is down answers 503 in Chinese and records nothing', async () => {
    const photo = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    const readable = await uploadFile(sys, citizen, 'before.jpg', await photoWithLocation());
    await s3server.close();
    const rowsBefore = await sys.services.db.selectFrom('attachments').select('id').execute();
    const r = await uploadFile(sys, citizen, 'down.jpg', photo);
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('ATTACHMENT_STORE_UNAVAILABLE');
    expect(r.body.message).toContain('附件存储暂时不可用');
    const rowsAfter = await sys.services.db.selectFrom('attachments').select('id').execute();
    expect(rowsAfter.length).toBe(rowsBefore.length);
    const read = await sys.request({ method: 'GET', url: readable.body.url, headers: citizen });
    expect(read.statusCode).toBe(503);
  });
});

describe('S3 settings', () => {
  const base = { GONGZHI_MODE: 'test' };
  it('are off without S3_BUCKET, and refused when given without it', () => {
    expect(loadConfig(base).s3).toBeUndefined();
    expect(() => loadConfig({ ...base, S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET/);
  });
  it('name the mistake: a bad endpoint, a bucket name, a key without its secret', () => {
    const ok = { ...base, S3_BUCKET: 'gz-files' };
    expect(() => loadConfig({ ...ok, S3_ENDPOINT: 'minio:9000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...ok, S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...base, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...ok, S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...ok, S3_PREFIX: 'a b' })).toThrow(/S3_PREFIX/);
  });
  it('default the region and path style, and end the prefix with a slash', () => {
    expect(loadConfig({ ...base, S3_BUCKET: 'gz-files', S3_PREFIX: '/gongzhi' }).s3).toEqual({
      endpoint: undefined,
      bucket: 'gz-files',
      region: 'us-east-1',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
      prefix: 'gongzhi/',
    });
  });
});
