// The questionnaire as a form, for the person answering by link and for the caller typing what they hear:
// single choice as radios, multiple choice as checkboxes, a 1–5 scale as five buttons with its two labels,
// text as a text area. The server checks the answers again and names the question when one is missing.
import { Button, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoundDetail } from './survey-api';

type Questionnaire = RoundDetail['questionnaire'];
export type AnswerValues = Record<string, string | string[] | number | undefined>;

/** The answers as the API takes them: unanswered optional questions left out. */
export function cleanAnswers(values: AnswerValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}

export function QuestionnaireForm({
  questionnaire,
  submitLabel,
  busy,
  onSubmit,
  extra,
}: {
  questionnaire: Pick<Questionnaire, 'questions'>;
  submitLabel: string;
  busy?: boolean;
  onSubmit: (answers: Record<string, unknown>) => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AnswerValues>();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => onSubmit(cleanAnswers(v))} data-testid="survey-form">
      {questionnaire.questions.map((q, i) => (
        <div key={q.key} data-testid={`q-${q.key}`}>
          <Form.Item
            name={q.key}
            label={
              <span>
                {i + 1}. {q.title}
                {q.type === 'multi' && !q.title.includes('多选') ? (
                  <Typography.Text type="secondary">{t('（可多选）')}</Typography.Text>
                ) : null}
              </span>
            }
            rules={q.required ? [{ required: true, message: t('此题为必答题') }] : []}
          >
            {q.type === 'single' ? (
              <Radio.Group>
                <Space direction="vertical">
                  {(q.options ?? []).map((o) => (
                    <Radio key={o} value={o}>
                      {o}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            ) : q.type === 'multi' ? (
              <Checkbox.Group options={q.options ?? []} />
            ) : q.type === 'scale' ? (
              <ScaleInput low={q.lowLabel ?? ''} high={q.highLabel ?? ''} />
            ) : (
              <Input.TextArea rows={3} maxLength={1000} showCount />
            )}
          </Form.Item>
        </div>
      ))}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="survey-submit">
          {submitLabel}
        </Button>
        {extra}
      </Space>
    </Form>
  );
}

function ScaleInput({
  value,
  onChange,
  low,
  high,
}: {
  value?: number;
  onChange?: (v: number) => void;
  low: string;
  high: string;
}) {
  return (
    <div>
      <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value)} buttonStyle="solid">
        {[1, 2, 3, 4, 5].map((n) => (
          <Radio.Button key={n} value={n} style={{ minWidth: 44, textAlign: 'center' }}>
            {n}
          </Radio.Button>
        ))}
      </Radio.Group>
      <div style={{ display: 'flex', justifyContent: 'space-between', maxWidth: 240, fontSize: 12, color: '#888' }}>
        <span>1 {low}</span>
        <span>5 {high}</span>
      </div>
    </div>
  );
}
