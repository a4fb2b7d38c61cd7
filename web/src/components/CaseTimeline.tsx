// The case's timeline: who, when, what, from which unit, with the note and the details in words.
import { Image, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, TimelineEntry } from '../api-types';
import {
  CASE_ACTION_LABELS,
  CASE_LEVEL_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  DEADLINE_KIND_LABELS,
  DURATION_UNIT_LABELS,
  RATING_LABELS,
  URGENCY_LABELS,
} from '../labels';
import { PartyBadge, usePartyBadges } from '../pages/party/PartyBadge'; // 党员亮相 (issue 21 §3)
import { useDispatchTargets } from './CaseActionPanel';

const TYPE_COLOURS: Record<string, string> = {
  opened: 'blue',
  amended: 'orange',
  reject: 'gray',
  returnCase: 'orange',
  refuseExtension: 'orange',
  escalateOverdue: 'red',
  supervise: 'red',
  urge: 'red',
  close: 'green',
  closeOnTheSpot: 'green',
  reply: 'green',
  handleAtGrid: 'green',
  archive: 'gray',
};

/** Detail keys shown, with their label and how to render the value. */
const DETAIL_LABELS: Record<string, string> = {
  reason: '理由',
  note: '备注',
  notes: '情况',
  answer: '答复',
  content: '反馈内容',
  message: '催办内容',
  comment: '评价意见',
  finding: '核实结果',
  rating: '满意度',
  amount: '延期时长',
  listed: '挂牌督办',
  role: '身份',
  fromLevel: '原层级',
  toLevel: '上报至',
  supervisedBy: '督办层级',
  overdueKind: '超期环节',
  dueAt: '原到期时间',
  handleDueAt: '新处置时限',
  source: '来源',
  urgency: '紧急程度',
  intakeLevel: '受理层级',
  by: '办结方式',
  reopened: '重办',
  leadOrgName: '主办单位',
  assistingOrgNames: '协办单位',
  orgNames: '召集部门',
  returnedToName: '退回至',
  mainCaseNumber: '并入案件',
  duplicateCaseNumber: '重复件',
  categoryName: '分类',
  categorySource: '分类来源',
  suggestionScore: '推荐置信度',
  fields: '更新内容',
  previousBody: '原诉求内容',
  previousAddress: '原地址',
};

/** What an amendment ('amended') changed, in words. */
const AMENDED_FIELD_LABELS: Record<string, string> = {
  body: '诉求内容',
  address: '地址',
  reporter: '反映人',
  extra: '热线工单信息',
  category: '事项分类', // set by the dispatcher on a suggestion, or by 智能派单 (issue 19)
};

/** Keys already said by the entry's own line, or internal. */
const SKIP = new Set(['unit', 'requestId', 'whistleId', 'categoryId', 'photoIds', 'attachmentIds', 'deadlineKey']);

const VALUE_LABELS: Record<string, Record<string, string>> = {
  finding: { confirmed: '情况属实', not_confirmed: '情况不属实' },
  rating: RATING_LABELS,
  fromLevel: CASE_LEVEL_LABELS,
  toLevel: CASE_LEVEL_LABELS,
  supervisedBy: CASE_LEVEL_LABELS,
  intakeLevel: CASE_LEVEL_LABELS,
  overdueKind: DEADLINE_KIND_LABELS,
  source: { ...CHANNEL_LABELS, hotline_12345: '12345热线' },
  urgency: URGENCY_LABELS,
  role: { lead: '主办', assisting: '协办' },
  by: { rating: '群众满意', window: '回访期满' },
  categorySource: { suggested: '智能分类推荐（待核定）', mapped: '热线类型对应', name: '同名分类' },
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function renderValue(
  key: string,
  value: unknown,
  details: Record<string, unknown>,
  t: (s: string) => string,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  // A flag is worth saying only when it is set (挂牌督办, 重办).
  if (typeof value === 'boolean') return value ? t('是') : null;
  if (key === 'amount') {
    const unit = String(details.unit ?? '');
    return `${value} ${t(DURATION_UNIT_LABELS[unit] ?? unit)}`;
  }
  if (key === 'suggestionScore' && typeof value === 'number') return `${Math.round(value * 100)}%`;
  if (key === 'fields' && Array.isArray(value)) {
    return value.map((v) => t(AMENDED_FIELD_LABELS[String(v)] ?? String(v))).join('、') || null;
  }
  if (Array.isArray(value)) return value.map((v) => String(v)).join('、') || null;
  if (typeof value === 'string' && ISO.test(value)) return dayjs(value).format('YYYY-MM-DD HH:mm');
  if (typeof value === 'object') return null;
  const mapped = VALUE_LABELS[key]?.[String(value)];
  return mapped ? t(mapped) : String(value);
}

/** Organisation ids in the details, said by name. */
const ORG_KEYS: Record<string, string> = {
  leadOrgId: '主办单位',
  assistingOrgIds: '协办单位',
  orgIds: '召集部门',
  returnedTo: '退回至',
};

export function detailLines(
  entry: TimelineEntry,
  t: (s: string) => string,
  orgName: (id: string) => string | undefined = () => undefined,
): { label: string; value: string }[] {
  const lines: { label: string; value: string }[] = [];
  for (const [key, value] of Object.entries(entry.details ?? {})) {
    const orgLabel = ORG_KEYS[key];
    if (orgLabel) {
      const names = (Array.isArray(value) ? value : [value]).map((id) => orgName(String(id))).filter(Boolean);
      if (names.length) lines.push({ label: t(orgLabel), value: names.join('、') });
      continue;
    }
    if (SKIP.has(key)) continue;
    if (/Ids?$/.test(key) || key === 'returnedTo') continue;
    if (entry.note && (value === entry.note || key === 'note')) continue;
    const label = DETAIL_LABELS[key];
    if (!label) continue;
    const text = renderValue(key, value, entry.details, t);
    if (text) lines.push({ label: t(label), value: text });
  }
  return lines;
}

export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const targets = useDispatchTargets();
  const names = new Map<string, string>();
  for (const g of targets.data ?? []) for (const o of g.options) names.set(String(o.value), o.label);
  for (const u of detail.units) names.set(String(u.orgId), u.orgName);
  for (const e of detail.timeline) if (e.orgId && e.orgName) names.set(String(e.orgId), e.orgName);
  const orgName = (id: string) => names.get(id);
  const entries = [...detail.timeline].sort((a, b) => b.version - a.version);
  const partyMembers = usePartyBadges(detail.timeline.map((e) => e.actorUserId));
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((e) => ({
        key: e.version,
        color: TYPE_COLOURS[e.type] ?? 'blue',
        content: (
          <div data-testid="timeline-entry" data-type={e.type}>
            <Space size={6} wrap>
              <Typography.Text strong>{t(CASE_ACTION_LABELS[e.type] ?? e.type)}</Typography.Text>
              {e.fromState !== e.toState && (
                <Tag bordered={false} style={{ fontSize: 12 }}>
                  {e.fromState ? `${t(CASE_STATUS_LABELS[e.fromState] ?? e.fromState)} → ` : ''}
                  {t(CASE_STATUS_LABELS[e.toState] ?? e.toState)}
                </Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Space>
            <div style={{ fontSize: 13, color: '#555' }}>
              {e.actorKind === 'system'
                ? t('系统')
                : [e.orgName, e.actorName ?? (e.actorKind === 'citizen' ? t('群众') : null)]
                    .filter(Boolean)
                    .join(' · ')}
              {e.actorUserId && partyMembers.has(e.actorUserId) && <PartyBadge />}
            </div>
            {e.note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.note}</div>}
            {detailLines(e, t, orgName).map((l) => (
              <div key={l.label} style={{ fontSize: 13 }}>
                <Typography.Text type="secondary">{l.label}：</Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{l.value}</span>
              </div>
            ))}
            {e.attachmentIds?.length > 0 && (
              <Image.PreviewGroup>
                <Space size={4} style={{ marginTop: 4 }}>
                  {e.attachmentIds.map((id) => (
                    <Image
                      key={id}
                      width={56}
                      height={56}
                      style={{ objectFit: 'cover' }}
                      src={`/api/attachments/${id}/thumbnail`}
                      preview={{ src: `/api/attachments/${id}` }}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </div>
        ),
      }))}
    />
  );
}
