// Demo referrals of the demo county, made and worked through the referral functions (so each has its history,
// its acknowledgement task, its notifications and audit entries): the first grid's worker refers a person after a
// family quarrel (acknowledged, one session: 服务中), a 危机 referral waiting for acknowledgement (its 2-hour task
// runs), a village platform's 'needs attention' flag without consent, and one followed up and closed. Called by the
// seed inside its transaction; a handful of rows, fast.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { AuditService } from '../audit/audit-service.js';
import { ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { TaskService } from '../tasks/index.js';
import { actOnReferral, type PsychActionInput } from './act-on-referral.js';
import { counsellingOrgs } from './psych-orgs.js';
import { type ReferPersonInput, referPerson } from './refer-person.js';

const HOUR = 3600_000;

async function demoPrincipal(trx: Transaction<DB>, username: string): Promise<Principal | null> {
  const u = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.org_id', 'o.kind', 'o.path', 'o.county_code'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!u) return null;
  const ids = await trx.selectFrom('orgs').select('id').where('path', 'like', `${u.path}%`).execute();
  const role = u.role as Role;
  return {
    kind: 'user',
    userId: u.id,
    apiKeyId: null,
    role,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: u.kind,
    scopePath: u.path,
    scopeOrgIds: ids.map((o) => o.id),
    countyCode: u.county_code,
    permissions: new Set(ROLE_PERMISSIONS[role]),
  };
}

export async function seedDemoPsych(trx: Transaction<DB>, clock: Clock): Promise<number> {
  const grid = await demoPrincipal(trx, 'grid');
  const village = await demoPrincipal(trx, 'village');
  const counsellor = await demoPrincipal(trx, 'counsellor');
  if (!grid || !village || !counsellor?.orgId || !grid.countyCode) return 0;
  const centre = (await counsellingOrgs(trx, grid.countyCode)).find((o) => o.id === counsellor.orgId);
  if (!centre) return 0;
  const db = trx as unknown as Kysely<DB>;
  const contexts = new CaseContextProvider(db, clock);
  const audit = new AuditService(db, clock);
  const deps = { db, contexts, audit, tasks: new TaskService(db, clock, audit, contexts) };
  const now = clock.now();

  const refer = (input: Omit<ReferPersonInput, 'counsellingOrgId' | 'source'>, by: Principal) =>
    referPerson(deps, { ...input, counsellingOrgId: centre.id, source: 'direct' }, by, trx);
  const act = async (id: number, actions: PsychActionInput[]) => {
    for (const action of actions) {
      const { version } = await trx
        .selectFrom('psych_referrals')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await actOnReferral(deps, id, { version, action }, counsellor, trx);
    }
  };
  const earlier = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();

  const quarrel = await refer(
    {
      risk: 'medium',
      consent: true,
      placeOrgId: grid.orgId,
      personName: '李秀兰',
      personPhone: '13905718821',
      concern: '与家人争吵后情绪低落，失眠两周，网格走访时本人同意接受心理疏导。',
    },
    grid,
  );
  await act(quarrel.id, [
    { type: 'acknowledge', note: '已电话联系当事人，约定面谈时间' },
    {
      type: 'recordSession',
      session: {
        at: earlier(3),
        durationMinutes: 50,
        form: 'face_to_face',
        notes: '首次面谈：了解家庭情况，情绪评估为轻度焦虑，进行放松训练指导。',
        nextStep: '一周后第二次面谈',
      },
    },
  ]);

  await refer(
    {
      risk: 'crisis',
      consent: true,
      placeOrgId: grid.orgId,
      personName: '周建平',
      personPhone: '13905718822',
      concern: '生意失败后多次流露轻生念头，家属陪同，同意转介。',
    },
    grid,
  );

  await refer({ risk: 'high', consent: false }, village);

  const closed = await refer(
    {
      risk: 'low',
      consent: true,
      placeOrgId: village.orgId,
      personName: '陈小东',
      concern: '高三学生考试焦虑，家长同意转介。',
    },
    village,
  );
  await act(closed.id, [
    { type: 'acknowledge' },
    {
      type: 'recordSession',
      session: {
        at: earlier(2),
        durationMinutes: 45,
        form: 'phone',
        notes: '电话咨询：考试焦虑，讲解应对方法。',
        nextStep: '两周后随访',
      },
    },
    { type: 'startFollowUp', note: '转入随访' },
    { type: 'recordFollowUp', at: earlier(1), notes: '随访：情绪稳定，睡眠改善。' },
    { type: 'close', outcome: 'improved', note: '状况好转，结案。' },
  ]);
  return 4;
}
