// The outbox message `privacy.erased`, written in the transaction that anonymised: integrations holding copies (the
// 12345 platform, a city's data hub) learn which cases and which citizen account lost their personal data and erase
// theirs. Delivered to webhook subscriptions that list the channel 'privacy'; it never carries the data itself.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ErasureBasis } from '../../domain/privacy/index.js';
import { announceChange } from '../record-history/index.js';

export const PRIVACY_ERASED_TOPIC = 'privacy.erased';

export interface ErasureAnnouncement {
  basis: ErasureBasis;
  /** What went: reporters of cases, the citizen's other records, or the account (the erasure's end). */
  stage: 'cases' | 'records' | 'account';
  /** The citizen's account (null for the retention period, which concerns no one account). */
  userId: number | null;
  caseIds?: readonly number[];
  /** Rows changed per table family, for 'records'. */
  records?: Readonly<Record<string, number>>;
}

export async function announceErasure(trx: Transaction<DB>, at: Date, a: ErasureAnnouncement): Promise<void> {
  let cases: { caseId: number; number: string; channel: string; externalRef: string | null }[] | undefined;
  if (a.caseIds && a.caseIds.length > 0) {
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'number', 'channel', 'external_ref'])
      .where('id', 'in', [...a.caseIds])
      .orderBy('id')
      .execute();
    cases = rows.map((r) => ({ caseId: r.id, number: r.number, channel: r.channel, externalRef: r.external_ref }));
  }
  await announceChange(trx, {
    topic: PRIVACY_ERASED_TOPIC,
    changeId: `privacy:${a.stage}:${randomUUID()}`,
    at,
    payload: {
      basis: a.basis,
      stage: a.stage,
      userId: a.userId,
      ...(cases && { cases }),
      ...(a.records && { records: a.records }),
    },
  });
}
