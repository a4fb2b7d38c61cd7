// Attachment bytes in an S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS …), chosen by S3_BUCKET.
// Keys are content-addressed like the local store's, so a put of a key already there is skipped. The SDK is
// loaded on first use: a server keeping attachments under DATA_DIR never pays for it.
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import type { ObjectStore } from './attachment-store.js';
import { checkObjectKey } from './attachment-store.js';

type Sdk = typeof import('@aws-sdk/client-s3');

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private client: Promise<{ sdk: Sdk; s3: S3Client }> | null = null;

  constructor(private readonly config: S3Config) {}

  /** Where the bytes go, for logs and the start-up line (no credentials). */
  describe(): string {
    return `s3://${this.config.bucket}/${this.config.prefix}${this.config.endpoint ? ` at ${this.config.endpoint}` : ''}`;
  }

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const c = this.config;
      const s3 = new sdk.S3Client({
        endpoint: c.endpoint,
        region: c.region,
        forcePathStyle: c.forcePathStyle,
        credentials:
          c.accessKeyId && c.secretAccessKey
            ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }
            : undefined,
        // S3-compatible services differ on the SDK's newer default checksums; send them only where required.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      });
      return { sdk, s3 };
    });
    return this.client;
  }

  private key(key: string): string {
    return `${this.config.prefix}${checkObjectKey(key)}`;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const { sdk, s3 } = await this.connect();
    const Key = this.key(key);
    try {
      try {
        await s3.send(new sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key }));
        return; // content-addressed: already there with these very bytes
      } catch (error) {
        // Without s3:ListBucket, S3 answers a missing key with 403 rather than 404: write it all the same.
        if (!isMissing(error) && statusOf(error) !== 403) throw error;
      }
      await s3.send(
        new sdk.PutObjectCommand({ Bucket: this.config.bucket, Key, Body: bytes, ContentLength: bytes.length }),
      );
    } catch (error) {
      throw unavailable(error, this.config.bucket);
    }
  }

  async get(key: string): Promise<Buffer> {
    const { sdk, s3 } = await this.connect();
    try {
      const object = await s3.send(new sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      if (!object.Body) throw new Error('empty body');
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) {
        throw new AppError('ATTACHMENT_NOT_FOUND', { message: '附件文件已不在存储中，请联系管理员' });
      }
      throw unavailable(error, this.config.bucket);
    }
  }

  /** Releases the HTTP connections (server shutdown, tests). */
  async close(): Promise<void> {
    if (!this.client) return;
    (await this.client).s3.destroy();
    this.client = null;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isMissingBucket(error: unknown): boolean {
  return (error as { name?: string })?.name === 'NoSuchBucket';
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'NotFound' || name === 'NoSuchKey' || (statusOf(error) === 404 && !isMissingBucket(error));
}

/** A store failure is the server's, not the uploader's: 503 with the cause in the details for operators. */
function unavailable(error: unknown, bucket: string): AppError {
  if (error instanceof AppError) return error;
  const e = error as { name?: string; message?: string; code?: string };
  return new AppError('ATTACHMENT_STORE_UNAVAILABLE', {
    details: { store: 's3', bucket, cause: e?.name ?? e?.code ?? 'Error', status: statusOf(error) ?? null },
  });
}
