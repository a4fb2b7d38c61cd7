// What a service log entry must carry, by kind, as a pure check (the API turns a refusal into a 400 naming
// the field): a consultation its matter and the advice given; a lecture its topic; a legal review the
// document reviewed and the written opinion; joining a dispute the dispute; every entry a day no later than
// today and no earlier than MAX_BACKDATE_DAYS ago, and hours in (0, MAX_ENTRY_HOURS].
import { err, ok, type Result } from '../result.js';
import { LEGAL_ENTRY_KIND_LABELS, type LegalEntryKind, MAX_BACKDATE_DAYS, MAX_ENTRY_HOURS } from './types.js';

export interface EntryDraft {
  kind: LegalEntryKind;
  occurredOn: string;
  hours: number;
  matter?: string | null;
  advice?: string | null;
  topic?: string | null;
  documentTitle?: string | null;
  opinion?: string | null;
  disputeId?: number | null;
}

export interface EntryRefusal {
  field: string;
  message: string;
}

const DAY_MS = 86_400_000;
const blank = (s: string | null | undefined) => !s || s.trim() === '';

/** Which text fields each kind requires, with the words a person is told. */
const REQUIRED: Record<LegalEntryKind, { field: keyof EntryDraft; message: string }[]> = {
  consultation: [
    { field: 'matter', message: '请填写咨询事项' },
    { field: 'advice', message: '请填写给出的法律意见' },
  ],
  on_site: [{ field: 'matter', message: '请填写驻村服务内容' }],
  lecture: [{ field: 'topic', message: '请填写普法讲座主题' }],
  legal_review: [
    { field: 'documentTitle', message: '请填写审核的决策或合同名称' },
    { field: 'opinion', message: '请填写法律审核意见' },
  ],
  dispute: [{ field: 'disputeId', message: '请选择参与调解的矛盾纠纷' }],
};

export function checkEntry(draft: EntryDraft, today: string): Result<EntryDraft, EntryRefusal> {
  const day = Date.parse(`${draft.occurredOn}T00:00:00Z`);
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== draft.occurredOn) {
    return err({ field: 'occurredOn', message: '服务日期格式不正确' });
  }
  if (draft.occurredOn > today) return err({ field: 'occurredOn', message: '服务日期不能晚于今天' });
  const age = (Date.parse(`${today}T00:00:00Z`) - day) / DAY_MS;
  if (age > MAX_BACKDATE_DAYS) {
    return err({ field: 'occurredOn', message: `只能补录 ${MAX_BACKDATE_DAYS} 天内的服务记录` });
  }
  if (!(draft.hours > 0) || draft.hours > MAX_ENTRY_HOURS) {
    return err({ field: 'hours', message: `服务时长应大于 0 且不超过 ${MAX_ENTRY_HOURS} 小时` });
  }
  if (Math.round(draft.hours * 4) !== draft.hours * 4) {
    return err({ field: 'hours', message: '服务时长按刻钟记录（0.25 小时的整数倍）' });
  }
  for (const r of REQUIRED[draft.kind]) {
    const value = draft[r.field];
    if (r.field === 'disputeId' ? value == null : blank(value as string | null | undefined)) {
      return err({ field: r.field, message: `${LEGAL_ENTRY_KIND_LABELS[draft.kind]}：${r.message}` });
    }
  }
  return ok(draft);
}
