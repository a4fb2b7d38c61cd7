// Writes a news post (新闻动态) of the writer's county, or corrects one: title, body (plain text; blank lines part
// paragraphs) and an optional cover image. A new post is a draft until published.
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { assertCover, loadNewsForChange } from './news-rows.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { requireCounty } from './showcase-scope.js';
import { writeShowcaseChange } from './showcase-store.js';

export interface NewsFields {
  title: string;
  body: string;
  coverAttachmentId?: string | null;
}

function cleaned(input: Partial<NewsFields>) {
  const title = input.title?.trim();
  const body = input.body?.trim();
  if (title === '' || body === '') throw new AppError('VALIDATION_FAILED', { message: '标题和正文不能为空' });
  return { title, body };
}

/** Inserts a draft news post (the demo seed calls this with its own transaction). */
export async function writeNewNews(
  trx: Transaction<DB>,
  audit: AuditService,
  author: { userId: number; orgId: number | null; countyCode: string; principal: Principal | null },
  fields: NewsFields,
  now: Date,
): Promise<number> {
  const { title, body } = cleaned(fields);
  const { id } = await trx
    .insertInto('showcase_news')
    .values({
      county_code: author.countyCode,
      title: title ?? '',
      body: body ?? '',
      cover_attachment_id: fields.coverAttachmentId ?? null,
      state: 'draft',
      author_id: author.userId,
      author_org_id: author.orgId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeShowcaseChange(trx, audit, author.principal, {
    kind: 'showcase_news',
    id,
    version: 1,
    type: 'create',
    state: 'draft',
    at: now,
  });
  return id;
}

export async function createNews(deps: ShowcaseDeps, principal: Principal, input: NewsFields): Promise<{ id: number }> {
  const countyCode = requireCounty(principal);
  const userId = principal.userId;
  if (userId === null) throw new AppError('FORBIDDEN');
  if (input.coverAttachmentId) await assertCover(deps, principal, input.coverAttachmentId);
  const now = deps.clock.now();
  const id = await deps.db
    .transaction()
    .execute((trx) =>
      writeNewNews(trx, deps.audit, { userId, orgId: principal.orgId, countyCode, principal }, input, now),
    );
  return { id };
}

export async function updateNews(
  deps: ShowcaseDeps,
  principal: Principal,
  id: number,
  input: Partial<NewsFields> & { version: number },
): Promise<void> {
  const { title, body } = cleaned(input);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadNewsForChange(trx, principal, id, input.version);
    const cover = input.coverAttachmentId === undefined ? row.cover_attachment_id : input.coverAttachmentId;
    if (cover && cover !== row.cover_attachment_id) await assertCover(deps, principal, cover);
    await trx
      .updateTable('showcase_news')
      .set({
        title: title ?? row.title,
        body: body ?? row.body,
        cover_attachment_id: cover,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .execute();
    await writeShowcaseChange(trx, deps.audit, principal, {
      kind: 'showcase_news',
      id,
      version: input.version + 1,
      type: 'edit',
      state: row.state,
      at: now,
    });
  });
}
