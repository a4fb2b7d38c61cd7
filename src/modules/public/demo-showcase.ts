// Demo data of the public showcase, written inside the demo seed's transaction through the capability's own
// writers: two typical cases from the history's closed cases, written by the county platform (`county`), approved
// by the leader (`leader`) and published; one written by the first street (`town`) and awaiting review; two
// published news posts. Without the year of history there are no closed cases: then only the news.
import { sql, type Transaction, type Updateable } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB, ShowcaseCasesTable } from '../../db/schema.js';
import { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { loadCaseSource } from './case-source.js';
import { writeNewTypicalCase } from './propose-typical-case.js';
import { writeNewNews } from './save-news.js';
import { writeShowcaseChange } from './showcase-store.js';
import { writeTypicalCaseChange } from './typical-case-rows.js';

const DAY = 24 * 3600_000;

const NEWS = [
  {
    title: '青溪县“县镇村三级平台 + 网格”全面运行',
    body: '全县各镇街、村社区平台和网格已全部接入共治平台。群众可通过“码上办”扫码反映问题，网格员巡查发现的问题当日上报，能在网格解决的当场解决，解决不了的逐级上报、分流到职能部门。\n\n平台运行以来，诉求受理、分派、办理、反馈全过程留痕，超时自动进入上一级督办。',
    daysAgo: 12,
  },
  {
    title: '“五老议事站”走进社区：群众的事群众商量着办',
    body: '近日，各社区议事站围绕广场舞噪音、老旧小区加装电梯等群众关心的事项开展议事协商。居民在手机上提出议题、发表意见并投票，议定事项转为任务由社区跟踪办理，办理结果在村社区公开页公示。',
    daysAgo: 4,
  },
];

/** Just enough of a principal for the history's actor (the seed acts as these demo users). */
function actorOf(user: { id: number; org_id: number | null; role: string; display_name: string }): Principal {
  return {
    kind: 'user',
    userId: user.id,
    apiKeyId: null,
    role: user.role as Principal['role'],
    displayName: user.display_name,
    orgId: user.org_id,
    orgKind: null,
    scopePath: null,
    scopeOrgIds: [],
    countyCode: null,
    permissions: new Set(),
  };
}

/** One review step of a demo typical case, through the capability's own writer. */
async function step(
  trx: Transaction<DB>,
  audit: AuditService,
  actor: Principal,
  id: number,
  type: string,
  to: string,
  at: Date,
  set: Updateable<ShowcaseCasesTable>,
) {
  const row = await trx
    .selectFrom('showcase_cases')
    .select(['id', 'version', 'state'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await writeTypicalCaseChange(trx, audit, actor, { row, type, to, set, at });
}

export async function seedDemoShowcase(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void,
  /** Reporters' names are stored encrypted: the drafts are de-identified against the opened names. */
  crypto: FieldCrypto,
): Promise<void> {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'org_id', 'role', 'display_name'])
    .where('username', 'in', ['county', 'leader', 'town'])
    .execute();
  const user = (name: string) => users.find((u) => u.username === name);
  const county = await trx
    .selectFrom('orgs')
    .select(['code'])
    .where('kind', '=', 'county')
    .orderBy('id')
    .executeTakeFirst();
  const author = user('county');
  const reviewer = user('leader');
  const townAuthor = user('town');
  if (!county || !author || !reviewer || !townAuthor) return;
  const audit = new AuditService(trx, clock);
  const now = clock.now();
  const [writer, leader, town] = [actorOf(author), actorOf(reviewer), actorOf(townAuthor)];

  // closed, satisfied cases with a reply and a short request: two anywhere (different towns), one in the first street's area
  const closed = trx
    .selectFrom('cases')
    .select(['id', 'town_id'])
    .where('status', '=', 'closed')
    .where('satisfaction', '=', 'satisfied')
    .where('reply', 'is not', null)
    .where(sql<number>`length(body)`, '<', 160) // a short request reads best as a typical case
    .orderBy('closed_at', 'desc')
    .limit(40);
  const pool = await closed.execute();
  const picked: number[] = [];
  for (const c of pool) {
    if (picked.length === 2) break;
    if (c.town_id !== townAuthor.org_id && !picked.some((id) => pool.find((p) => p.id === id)?.town_id === c.town_id))
      picked.push(c.id);
  }
  const inTown = townAuthor.org_id
    ? await closed
        .where('town_id', '=', townAuthor.org_id)
        .where('id', 'not in', picked.length ? picked : [0])
        .executeTakeFirst()
    : undefined;

  let cases = 0;
  for (const [i, caseId] of picked.entries()) {
    const source = await loadCaseSource(trx, crypto, null, caseId);
    const start = new Date(now.getTime() - (10 - i * 3) * DAY);
    const id = await writeNewTypicalCase(
      trx,
      audit,
      { userId: author.id, orgId: author.org_id, principal: writer },
      source,
      start,
    );
    const row = await trx
      .selectFrom('showcase_cases')
      .select(['title', 'body'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await step(trx, audit, writer, id, 'submit', 'submitted', new Date(start.getTime() + 3600_000), {
      submitted_at: new Date(start.getTime() + 3600_000),
    });
    const approvedAt = new Date(start.getTime() + DAY);
    await step(trx, audit, leader, id, 'approve', 'approved', approvedAt, {
      approved_title: row.title,
      approved_body: row.body,
      reviewer_id: reviewer.id,
      reviewed_at: approvedAt,
      review_note: '文字已脱敏，同意发布。',
    });
    const publishedAt = new Date(approvedAt.getTime() + 2 * 3600_000);
    await step(trx, audit, writer, id, 'publish', 'published', publishedAt, { published_at: publishedAt });
    cases++;
  }
  if (inTown) {
    const source = await loadCaseSource(trx, crypto, null, inTown.id);
    const start = new Date(now.getTime() - DAY);
    const id = await writeNewTypicalCase(
      trx,
      audit,
      { userId: townAuthor.id, orgId: townAuthor.org_id, principal: town },
      source,
      start,
    );
    await step(trx, audit, town, id, 'submit', 'submitted', new Date(start.getTime() + 3600_000), {
      submitted_at: new Date(start.getTime() + 3600_000),
    });
    cases++;
  }

  for (const post of NEWS) {
    const at = new Date(now.getTime() - post.daysAgo * DAY);
    const id = await writeNewNews(
      trx,
      audit,
      { userId: author.id, orgId: author.org_id, countyCode: county.code, principal: writer },
      post,
      at,
    );
    const published = await trx
      .updateTable('showcase_news')
      .set({ state: 'published', published_at: at, version: sql`version + 1`, updated_at: at })
      .where('id', '=', id)
      .returning('version')
      .executeTakeFirstOrThrow();
    await writeShowcaseChange(trx, audit, writer, {
      kind: 'showcase_news',
      id,
      version: published.version,
      type: 'publish',
      state: 'published',
      at,
    });
  }
  progress(`公开展示：典型案例 ${cases} 件（${picked.length} 件已发布），新闻动态 ${NEWS.length} 条`);
}
