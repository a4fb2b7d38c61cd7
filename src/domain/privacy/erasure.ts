// What an erasure (PIPL 删除权) or the end of the retention period does to a reporter's personal data, as pure
// rules: which cases may lose it now, what replaces it, what the timeline and the citizen are told. The case
// keeps everything else (its text minus the person, its workflow, its account link), so the county's figures and
// the history of every unit's work stay whole.
import { FINISHED_STATES } from '../case/index.js';

/** The reporter name an anonymised case shows (the phone becomes null). */
export const ERASED_REPORTER_NAME = '已注销';
/** The display name of an anonymised citizen account. */
export const ERASED_ACCOUNT_NAME = '已注销用户';
/** What stands in a case's text where the reporter's name was. */
export const NAME_PLACEHOLDER = '某某';
/** What stands in a case's text where the reporter's phone was. */
export const PHONE_PLACEHOLDER = '***';

/** The states in which a case may lose its reporter's data (the queries use the same list). */
export const ERASABLE_STATES: readonly string[] = FINISHED_STATES;

/** Why a case's reporter data went: the citizen asked, or the retention period ran out. */
export type ErasureBasis = 'erasure' | 'retention';

/** The timeline entry's note; it never carries the data it removed. */
export const ERASURE_NOTES: Readonly<Record<ErasureBasis, string>> = {
  erasure: '报告人个人信息已按其申请删除',
  retention: '报告人个人信息已超过保存期限，按规定删除',
};

/**
 * A case may lose its reporter's data once nothing more happens to it (办结, 归档, 不予受理, 合并): an open case keeps
 * the phone its handlers call back on until it is finished.
 */
export function isErasable(state: string): boolean {
  return ERASABLE_STATES.includes(state);
}

/**
 * The day before which finished cases lose their reporter's data: `years` calendar years before `now` (29 February
 * falls to 1 March). Null when retention is off (0 years).
 */
export function retentionCutoff(now: Date, years: number): Date | null {
  if (!Number.isInteger(years) || years <= 0) return null;
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

export interface ErasureProgress {
  /** Cases anonymised by this request. */
  anonymised: number;
  /** The citizen's cases still being handled: anonymised when they are finished. */
  waiting: number;
  /** Every case is anonymised and the account with it. */
  completed: boolean;
}

/** What the citizen is told after asking (Chinese; the app shows it as it is). */
export function erasureMessage(progress: ErasureProgress): string {
  const done = progress.anonymised > 0 ? `已删除您 ${progress.anonymised} 件已办结诉求中的姓名和电话。` : '';
  if (progress.completed) {
    return `${done}您的个人信息已删除，账号已注销。如需再次反映问题，可使用手机号重新登录注册。`;
  }
  if (progress.waiting > 0) {
    return `${done}您还有 ${progress.waiting} 件诉求正在办理，为便于办理和回访，暂时保留联系方式，办结后将自动删除，届时您的账号将一并注销。`;
  }
  return `${done}您的申请已受理，其余个人信息将在几分钟内删除完毕，届时您的账号将一并注销。`;
}
