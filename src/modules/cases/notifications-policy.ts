// Who hears about a change in their inbox: the unit that must act next, units sent or summoned, the dispatcher
// when its unit returns a case or asks for more time, the supervising platform on an escalation.
import type { Case, TimelineEvent } from '../../domain/case/index.js';

export interface NotificationDraft {
  orgId: string;
  kind: string;
  title: string;
}

export function notificationsFor(
  before: Case | null,
  after: Case,
  event: TimelineEvent,
  caseNumber: string,
): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  const tag = `案件 ${caseNumber}`;
  const add = (orgId: string | undefined, kind: string, title: string) => {
    if (orgId && orgId !== event.orgId && !out.some((n) => n.orgId === orgId && n.kind === kind)) {
      out.push({ orgId, kind, title: `${title}（${tag}）` });
    }
  };
  switch (event.type) {
    case 'dispatch':
      add(after.dispatch?.lead.orgId, 'to_sign', '新派遣案件待签收（主办）');
      for (const unit of after.dispatch?.assisting ?? []) add(unit.orgId, 'to_sign', '新派遣案件待签收（协办）');
      break;
    case 'returnCase':
      add(after.ownerOrgId, 'returned', '案件被退回，请重新派遣');
      break;
    case 'requestExtension':
      add(after.dispatch?.byOrgId, 'to_approve', '有延期申请待审批');
      break;
    case 'approveExtension':
    case 'refuseExtension':
      add(
        after.dispatch?.lead.orgId,
        'extension_decided',
        event.type === 'approveExtension' ? '延期申请已批准' : '延期申请被驳回',
      );
      break;
    case 'whistle':
      for (const w of after.whistles.slice(-1)) {
        for (const s of w.summons) add(s.orgId, 'summoned', '网格吹哨，请按时报到');
      }
      break;
    case 'escalateOverdue':
    case 'supervise':
      add(
        after.supervision?.byOrgId,
        'supervised',
        after.supervision?.listed ? '案件挂牌督办' : '案件超期，已进入督办',
      );
      add(after.ownerOrgId, 'supervised', '您的案件已被督办，请尽快办理');
      break;
    case 'urge':
      add(after.ownerOrgId, 'urged', '上级催办，请尽快办理');
      break;
    case 'appeal':
      add(after.ownerOrgId, 'appeal', '群众提出申诉，请审核');
      break;
    case 'amended':
      // The classifier's suggestion (智能分类建议) is a note on the timeline, not a change of what the case says.
      if (event.details.kind === 'classification') break;
      // The reporter's words changed (a hotline order pushed again): whoever holds the case should reread it,
      // even when the change came in through their own unit's channel.
      for (const orgId of new Set([after.ownerOrgId, after.dispatch?.lead.orgId])) {
        if (orgId) out.push({ orgId, kind: 'amended', title: `诉求内容已更新，请查看（${tag}）` });
      }
      break;
    case 'rate':
    case 'callback':
      if (after.state === 'handling') add(after.ownerOrgId, 'reopened', '群众不满意，案件重办');
      break;
    default:
      if (before && before.ownerOrgId !== after.ownerOrgId) add(after.ownerOrgId, 'assigned', '有新案件需要处理');
  }
  return out;
}
