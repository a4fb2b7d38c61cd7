// Removes the reporter's personal data from a batch of cases the caller has locked, in the caller's transaction:
// the name becomes 已注销 and the phones go (the row and the hotline's landline), the reporter's name and phone
// are cut out of the case's texts, its timeline entries and the hotline's revisions, and each case gets one
// timeline entry saying so — without the data. The case keeps its workflow, its account link and its attachments
// (evidence of the matter), so the county's figures and every unit's record stay whole.
//
// Set-based where it can be (one statement for the rows, one for the timeline entries): a retention batch of 500
// finished cases is a handful of statements, not 500 state-machine writes. The state machine is not asked: this
// changes what the case says about a person, not what happens to the case; its snapshot's version moves with the
// row's so the next action is checked against the right version.
import { sql, type Transaction } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import {
  ERASED_REPORTER_NAME,
  ERASURE_NOTES,
  type ErasureBasis,
  hasReporterData,
  type ReporterData,
  scrubJson,
  scrubReporter,
} from '../../domain/privacy/index.js';
import { openReporterField } from '../cases/index.js';

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Cuts each case's reporter out of its title, description, reply, timeline and hotline revisions. */
async function scrubTexts(trx: Transaction<DB>, people: Map<number, ReporterData>): Promise<void> {
  const ids = [...people.keys()];
  if (ids.length === 0) return;
  const cases = await trx.selectFrom('cases').select(['id', 'title', 'body', 'reply']).where('id', 'in', ids).execute();
  for (const c of cases) {
    const person = people.get(c.id) as ReporterData;
    const next = {
      title: scrubReporter(c.title, person),
      body: scrubReporter(c.body, person),
      reply: c.reply === null ? null : scrubReporter(c.reply, person),
    };
    // title and body reset the search vector (trigger of 0004): the indexer indexes the row again without the name
    if (next.title !== c.title || next.body !== c.body || next.reply !== c.reply)
      await trx.updateTable('cases').set(next).where('id', '=', c.id).execute();
  }
  const events = await trx
    .selectFrom('case_events')
    .select(['id', 'case_id', 'note', 'details'])
    .where('case_id', 'in', ids)
    .execute();
  for (const e of events) {
    const person = people.get(Number(e.case_id)) as ReporterData;
    const note = e.note === null ? null : scrubReporter(e.note, person);
    const details = parsed(e.details);
    const cleaned = scrubJson(details, person);
    if (note !== e.note || !same(cleaned, details))
      await trx
        .updateTable('case_events')
        .set({ note, details: JSON.stringify(cleaned) })
        .where('id', '=', e.id)
        .execute();
  }
  const revisions = await trx
    .selectFrom('hotline_order_revisions')
    .select(['id', 'case_id', 'changes'])
    .where('case_id', 'in', ids)
    .execute();
  for (const r of revisions) {
    const { callerName, callerPhone, ...rest } = (parsed(r.changes) ?? {}) as Record<string, unknown>;
    const cleaned = scrubJson(rest, people.get(Number(r.case_id)) as ReporterData);
    if (callerName !== undefined || callerPhone !== undefined || !same(cleaned, rest))
      await trx
        .updateTable('hotline_order_revisions')
        .set({ changes: JSON.stringify(cleaned) })
        .where('id', '=', r.id)
        .execute();
  }
}

/** Anonymises the locked cases `ids`; returns how many it changed. */
export async function anonymiseCases(
  trx: Transaction<DB>,
  /** The reporter's name and phone are stored encrypted: opened to cut them out of the texts. */
  crypto: FieldCrypto,
  ids: readonly number[],
  basis: ErasureBasis,
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'reporter_name', 'reporter_phone'])
    .select(sql<string | null>`cases.extra -> 'hotline' ->> 'callerLandline'`.as('landline'))
    .where('id', 'in', [...ids])
    .execute();
  const people = new Map<number, ReporterData>();
  for (const r of rows) {
    const person = {
      names: r.reporter_name === ERASED_REPORTER_NAME ? [] : [openReporterField(crypto, r.reporter_name)],
      phones: [openReporterField(crypto, r.reporter_phone), r.landline],
    };
    if (hasReporterData(person)) people.set(r.id, person);
  }
  await scrubTexts(trx, people);

  const changed = await trx
    .updateTable('cases')
    .set({
      reporter_name: ERASED_REPORTER_NAME,
      reporter_phone: null,
      reporter_phone_hash: null,
      extra: sql<string>`CASE WHEN (cases.extra -> 'hotline' ->> 'callerLandline') IS NULL THEN cases.extra
        ELSE jsonb_set(cases.extra, '{hotline,callerLandline}', 'null'::jsonb) END`,
      // the snapshot's version moves with the row's: the next action is checked against it
      version: sql<number>`cases.version + 1`,
      machine: sql<string>`CASE WHEN cases.machine IS NULL THEN NULL
        ELSE jsonb_set(cases.machine, '{version}', to_jsonb(cases.version + 1)) END`,
    })
    .where('id', 'in', [...ids])
    .returning('id')
    .execute();

  // One timeline entry per case, at its new version: by the system, the state unchanged, no data in it.
  const note = ERASURE_NOTES[basis];
  await trx
    .insertInto('case_events')
    .columns([
      'case_id',
      'version',
      'at',
      'type',
      'actor_kind',
      'actor_user_id',
      'org_id',
      'from_state',
      'to_state',
      'note',
      'details',
      'attachment_ids',
    ])
    .expression((eb) =>
      eb
        .selectFrom('cases')
        .select([
          'cases.id',
          'cases.version',
          sql<Date>`${now}::timestamptz`.as('at'),
          sql.lit('amended').as('type'),
          sql.lit('system').as('actor_kind'),
          sql<null>`NULL::integer`.as('actor_user_id'),
          sql<null>`NULL::integer`.as('org_id'),
          'cases.status as from_state',
          'cases.status as to_state',
          sql<string>`${note}::text`.as('note'),
          sql<string>`${JSON.stringify({ fields: ['reporter'], note, basis })}::jsonb`.as('details'),
          sql<string[]>`'{}'::text[]`.as('attachment_ids'),
        ])
        .where('cases.id', 'in', [...ids]),
    )
    .execute();
  return changed.length;
}
