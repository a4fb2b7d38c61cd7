// The demo county's machine clients, with known keys printed in the README so Open311 apps and a simulated
// 12345 hotline can be tried at once. Created only with the demo data (never in production).
import type { Kysely } from 'kysely';
import { keyedHash } from '../../core/secrets.js';
import type { DB } from '../../db/schema.js';

export const DEMO_OPEN311_KEY = 'gz_demo_open311_qingxi_330788';
export const DEMO_HOTLINE_KEY = 'gz_demo_hotline_qingxi_330788';
export const DEMO_HOTLINE_SIGNING_SECRET = 'whsec_demo_hotline_qingxi_330788';
// video events (issue 14 §3): the simulated 雪亮工程 platform
export const DEMO_VIDEO_KEY = 'gz_demo_video_qingxi_330788';
export const DEMO_VIDEO_SIGNING_SECRET = 'whsec_demo_video_qingxi_330788';
const SIGNING_SECRETS: Record<string, string> = {
  [DEMO_HOTLINE_KEY]: DEMO_HOTLINE_SIGNING_SECRET,
  [DEMO_VIDEO_KEY]: DEMO_VIDEO_SIGNING_SECRET,
};

export async function seedDemoApiKeys(db: Kysely<DB>, secretKey: string, now: Date): Promise<void> {
  const county = await db.selectFrom('orgs').select('id').where('kind', '=', 'county').orderBy('id').executeTakeFirst();
  if (!county) return;
  const keys = [
    { name: 'Open311 演示客户端', key: DEMO_OPEN311_KEY, permissions: ['open311', 'case.create', 'case.read'] },
    { name: '12345 热线（演示）', key: DEMO_HOTLINE_KEY, permissions: ['hotline.push', 'case.read'] },
    { name: '雪亮工程视频平台（演示）', key: DEMO_VIDEO_KEY, permissions: ['video.push'] },
  ];
  for (const k of keys) {
    const row = await db
      .insertInto('api_keys')
      .values({
        name: k.name,
        prefix: k.key.slice(0, 10),
        key_hash: keyedHash(secretKey, k.key),
        org_id: county.id,
        permissions: k.permissions,
        created_by: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .returning('id')
      .executeTakeFirst();
    const secret = SIGNING_SECRETS[k.key];
    if (row && secret) {
      await db
        .insertInto('hotline_signing_secrets')
        .values({ api_key_id: row.id, secret, created_at: now })
        .onConflict((oc) => oc.column('api_key_id').doNothing())
        .execute();
    }
  }
}
