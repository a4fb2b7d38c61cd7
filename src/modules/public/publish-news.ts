// Publishes a news post to the public page, or withdraws it.
import { sql } from 'kysely';
import { decideNews, type NewsAction } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import { loadNewsForChange } from './news-rows.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { decided } from './showcase-errors.js';
import { writeShowcaseChange } from './showcase-store.js';

export async function actOnNews(
  deps: ShowcaseDeps,
  principal: Principal,
  id: number,
  action: NewsAction,
  version: number,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadNewsForChange(trx, principal, id, version);
    const to = decided(decideNews(row.state, action));
    await trx
      .updateTable('showcase_news')
      .set({
        state: to,
        ...(action === 'publish' && { published_at: now }),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await writeShowcaseChange(trx, deps.audit, principal, {
      kind: 'showcase_news',
      id,
      version: version + 1,
      type: action,
      state: to,
      at: now,
    });
  });
}
