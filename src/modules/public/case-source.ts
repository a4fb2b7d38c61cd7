// What a typical case is written from: a closed case the author can see, with the people and places its text
// may name (the reporter, everyone who acted on it, its address, the county's villages) for de-identification.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { DeidentifyContext } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo, openReporterField } from '../cases/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Cases that may become typical cases: closed (办结) or archived after closing. */
export const SHOWCASE_CASE_STATES = ['closed', 'archived'] as const;

export interface CaseSource {
  id: number;
  number: string;
  countyCode: string;
  status: string;
  title: string;
  body: string;
  reply: string | null;
  satisfaction: string | null;
  townId: number | null;
  villageId: number | null;
  categoryName: string | null;
  context: DeidentifyContext;
}

/** The case as its author may use it (CASE_NOT_FOUND outside the principal's cases), with its de-identification context. */
export async function loadCaseSource(
  db: Db,
  crypto: FieldCrypto,
  principal: Principal | null,
  caseId: number,
): Promise<CaseSource> {
  let query = db
    .selectFrom('cases')
    .leftJoin('categories as cat', 'cat.id', 'cases.category_id')
    .leftJoin('users as reporter', 'reporter.id', 'cases.reporter_user_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.county_code',
      'cases.status',
      'cases.title',
      'cases.body',
      'cases.reply',
      'cases.satisfaction',
      'cases.town_id',
      'cases.village_id',
      'cases.address',
      'cases.reporter_name',
      'reporter.display_name as reporter_display_name',
      'cat.name as category_name',
    ])
    .where('cases.id', '=', caseId);
  if (principal) query = query.where(casesVisibleTo(principal));
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId } });
  const actors = await db
    .selectFrom('case_events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_user_id')
    .select('u.display_name')
    .distinct()
    .where('e.case_id', '=', caseId)
    .execute();
  const villages = await db
    .selectFrom('orgs')
    .select('name')
    .where('county_code', '=', row.county_code)
    .where('kind', '=', 'village')
    .execute();
  return {
    id: row.id,
    number: row.number,
    countyCode: row.county_code,
    status: row.status,
    title: row.title,
    body: row.body,
    reply: row.reply,
    satisfaction: row.satisfaction,
    townId: row.town_id,
    villageId: row.village_id,
    categoryName: row.category_name,
    context: {
      names: [
        openReporterField(crypto, row.reporter_name),
        row.reporter_display_name,
        ...actors.map((a) => a.display_name),
      ].flatMap((n) => (n ? [personalPart(n)] : [])),
      addresses: row.address ? [row.address] : [],
      villages: villages.map((v) => v.name),
    },
  };
}

/** '县委副书记 王建国' names 王建国: the title before a space is not a name. */
function personalPart(displayName: string): string {
  const parts = displayName.trim().split(/\s+/);
  return parts[parts.length - 1] ?? displayName;
}
