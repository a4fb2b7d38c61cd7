// The rules of a special work team (工作专班) itself: what a valid team is (a name, a period, member units each
// with a contact, members), which states allow which changes, and the order of the leader's task list.
import { parseDayKey } from '../calendar/china-time.js';
import { err, ok, type Result } from '../result.js';

export type TeamState = 'active' | 'ended';

export const TEAM_STATE_LABELS: Record<TeamState, string> = { active: '运行中', ended: '已结束' };

export const TEAM_LIMITS = {
  name: 60,
  topic: 2000,
  units: 60,
  members: 200,
  /** A team is a temporary mechanism: at most three years. */
  periodDays: 3 * 366,
} as const;

export interface TeamUnitInput {
  readonly orgId: number;
  readonly contactName: string;
  readonly contactPhone?: string | null;
}

export interface TeamMemberInput {
  readonly name: string;
  readonly orgId: number;
  /** Role in the team: 组长, 副组长, 成员, 联络员 … */
  readonly role: string;
  readonly phone?: string | null;
}

export interface TeamInput {
  readonly name: string;
  readonly topic: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly units: readonly TeamUnitInput[];
  readonly members: readonly TeamMemberInput[];
}

export interface TeamRuleError {
  readonly field: string;
  readonly message: string;
}

const refuse = (field: string, message: string) => err<TeamRuleError>({ field, message });

function textOk(value: string, max: number): boolean {
  return value.trim().length > 0 && value.trim().length <= max;
}

/** Checks a team as created or edited; answers it trimmed, or the first problem a person can fix. */
export function checkTeam(input: TeamInput): Result<TeamInput, TeamRuleError> {
  if (!textOk(input.name, TEAM_LIMITS.name)) return refuse('name', `请填写专班名称（不超过 ${TEAM_LIMITS.name} 字）`);
  if (input.topic.trim().length > TEAM_LIMITS.topic)
    return refuse('topic', `工作任务说明不能超过 ${TEAM_LIMITS.topic} 字`);
  const start = parseDayKey(input.startDate);
  const end = parseDayKey(input.endDate);
  if (start === undefined) return refuse('startDate', '开始日期格式应为 YYYY-MM-DD');
  if (end === undefined) return refuse('endDate', '结束日期格式应为 YYYY-MM-DD');
  if (end < start) return refuse('endDate', '结束日期不能早于开始日期');
  if (end - start > TEAM_LIMITS.periodDays) return refuse('endDate', '工作专班的运行期限不能超过三年');
  if (input.units.length === 0) return refuse('units', '请至少选择一个成员单位');
  if (input.units.length > TEAM_LIMITS.units) return refuse('units', `成员单位不能超过 ${TEAM_LIMITS.units} 个`);
  const unitIds = input.units.map((u) => u.orgId);
  if (new Set(unitIds).size !== unitIds.length) return refuse('units', '成员单位有重复，请删除重复的单位');
  const noContact = input.units.findIndex((u) => !textOk(u.contactName, 30));
  if (noContact >= 0) return refuse(`units[${noContact}].contactName`, '请为每个成员单位填写联络人（不超过 30 字）');
  if (input.members.length > TEAM_LIMITS.members)
    return refuse('members', `专班成员不能超过 ${TEAM_LIMITS.members} 人`);
  for (const [i, m] of input.members.entries()) {
    if (!textOk(m.name, 30)) return refuse(`members[${i}].name`, '请填写成员姓名（不超过 30 字）');
    if (!textOk(m.role, 20)) return refuse(`members[${i}].role`, '请填写成员在专班中的职务，如 组长、成员、联络员');
  }
  return ok({
    ...input,
    name: input.name.trim(),
    topic: input.topic.trim(),
    units: input.units.map((u) => ({
      ...u,
      contactName: u.contactName.trim(),
      contactPhone: u.contactPhone?.trim() || null,
    })),
    members: input.members.map((m) => ({
      ...m,
      name: m.name.trim(),
      role: m.role.trim(),
      phone: m.phone?.trim() || null,
    })),
  });
}

/** Changes (edit, assigning tasks) need a running team; an ended team is a record. */
export function checkTeamActive(state: TeamState): Result<true, TeamRuleError> {
  return state === 'active' ? ok(true) : refuse('state', '该工作专班已结束，不能再修改或交办任务');
}

/** A task of the team as the leader's list orders it. */
export interface OrderedTask {
  readonly state: string;
  readonly dueAt: string | Date;
}

function rank(task: OrderedTask, now: Date): number {
  const open = task.state === 'pending_sign' || task.state === 'in_progress' || task.state === 'overdue';
  if (!open) return 2;
  return task.state === 'overdue' || new Date(task.dueAt) <= now ? 0 : 1;
}

/** Overdue first, then the open ones, then what is finished; within each, by due time. */
export function leaderTaskOrder(now: Date) {
  return (a: OrderedTask, b: OrderedTask): number =>
    rank(a, now) - rank(b, now) || new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
}
