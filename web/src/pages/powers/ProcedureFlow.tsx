// A procedure as a flowchart of steps (antd Steps): who acts, how long it may take (working days), what is
// published and for how long, the documents it leaves, optional steps and those that may end it with 否决.
// With standings, each step shows where an exercise stands: done, late (red), overdue (red), due, not reached.
import { Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExerciseListItem } from './power-api';
import { ACTOR_LABELS, type ProcedureStep, STEP_STATUS_LABELS } from './power-api';

type Standing = ExerciseListItem['standings'][number];

const STATUS_TO_STEPS: Record<string, 'finish' | 'process' | 'wait' | 'error'> = {
  done: 'finish',
  done_late: 'error',
  rejected: 'error',
  skipped: 'wait',
  overdue: 'error',
  due: 'process',
  not_reached: 'wait',
  closed: 'wait',
};

export function StepFacts({ step }: { step: ProcedureStep }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      <Tag color="geekblue">{t(ACTOR_LABELS[step.actor] ?? step.actor)}</Tag>
      {step.limitDays !== null && <Tag>{t('{{n}} 个工作日内', { n: step.limitDays })}</Tag>}
      {step.publicityDays !== null && <Tag color="gold">{t('公示不少于 {{n}} 天', { n: step.publicityDays })}</Tag>}
      {step.optional && <Tag color="default">{t('可选')}</Tag>}
      {step.canReject && <Tag color="volcano">{t('可否决')}</Tag>}
    </Space>
  );
}

export function ProcedureFlow({
  steps,
  standings,
  direction = 'vertical',
  size = 'small',
}: {
  steps: ProcedureStep[];
  standings?: Standing[];
  direction?: 'vertical' | 'horizontal';
  size?: 'small' | 'default';
}) {
  const { t } = useTranslation();
  const byKey = new Map((standings ?? []).map((s) => [s.key, s]));
  return (
    <Steps
      direction={direction}
      size={size}
      // a bare procedure has no current step: every step reads alike
      current={standings ? undefined : -1}
      data-testid="procedure-flow"
      items={steps.map((step, i) => {
        const s = byKey.get(step.key);
        const label = s ? STEP_STATUS_LABELS[s.status] : undefined;
        return {
          status: s ? STATUS_TO_STEPS[s.status] : 'wait',
          title: (
            <span data-testid={`flow-step-${step.key}`}>
              {i + 1}. {step.name}
              {label && s && s.status !== 'not_reached' && (
                <Tag color={label.color} style={{ marginInlineStart: 8 }}>
                  {t(label.label)}
                  {s.daysLate > 0 ? ` ${t('{{n}} 个工作日', { n: s.daysLate })}` : ''}
                </Tag>
              )}
            </span>
          ),
          description: (
            <div style={{ paddingBottom: 4 }}>
              <StepFacts step={step} />
              {step.description && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                  {step.description}
                </Typography.Paragraph>
              )}
              {step.documents.length > 0 && (
                <div style={{ fontSize: 12, marginTop: 2 }}>
                  {t('材料')}：{step.documents.join('、')}
                </div>
              )}
              {s?.dueOn && (s.status === 'due' || s.status === 'overdue' || s.status === 'done_late') && (
                <div style={{ fontSize: 12, color: s.status === 'due' ? undefined : '#cf1322' }}>
                  {t('办理期限')}：{s.dueOn}
                </div>
              )}
              {s && s.missingDocuments.length > 0 && (
                <div style={{ fontSize: 12, color: '#cf1322' }}>
                  {t('缺少材料')}：{s.missingDocuments.join('、')}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
