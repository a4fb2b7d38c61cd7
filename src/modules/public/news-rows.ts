// Loading a news post for a change (the county's: SHOWCASE_NEWS_NOT_FOUND for another county) at the version the
// caller saw; and the cover's check: an image its writer uploaded.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { NewsState } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { requireCounty } from './showcase-scope.js';

export async function loadNewsForChange(trx: Transaction<DB>, principal: Principal, id: number, version: number) {
  const row = await trx
    .selectFrom('showcase_news')
    .selectAll()
    .where('id', '=', id)
    .where('county_code', '=', requireCounty(principal))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('SHOWCASE_NEWS_NOT_FOUND', { details: { id } });
  if (row.version !== version)
    throw new AppError('SHOWCASE_VERSION_CONFLICT', { details: { id, version: row.version } });
  return { ...row, state: row.state as NewsState };
}

export async function assertCover(deps: ShowcaseDeps, principal: Principal, attachmentId: string): Promise<void> {
  const foreign = await deps.attachments.notOwnedBy(principal, [attachmentId]);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '封面图片须由您本人上传',
      details: { field: 'coverAttachmentId' },
    });
  }
  const file = await deps.attachments.describe(principal, attachmentId);
  if (!file.mime.startsWith('image/')) {
    throw new AppError('VALIDATION_FAILED', { message: '封面须为图片', details: { field: 'coverAttachmentId' } });
  }
}
