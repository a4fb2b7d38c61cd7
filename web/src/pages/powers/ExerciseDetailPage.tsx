// One exercise of a power: its facts, the procedure with where each step stands (late and missing steps red),
// the timeline of recorded steps (who approved, documents, publicity dates), and the form that records the
// next step — only the steps the procedure allows now, dated no earlier than the end of a running publicity.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { FlagTags } from './ExercisesPage';
import { ProcedureFlow, StepFacts } from './ProcedureFlow';
import { type ExerciseDetail, STATE_LABELS, useExercise } from './power-api';

interface Values {
  stepKey: string;
  outcome: 'done' | 'rejected';
  doneOn: Dayjs;
  publicityTo?: Dayjs;
  approvedBy?: string;
  documents: string[];
  note?: string;
}

function RecordStepForm({ exercise }: { exercise: ExerciseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const now = useSystemNow() ?? dayjs();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const allowed = exercise.procedure.filter((s) => exercise.allowed.includes(s.key));
  const stepKey = Form.useWatch('stepKey', form);
  const doneOn = Form.useWatch('doneOn', form);
  const step = allowed.find((s) => s.key === stepKey);
  const expected = exercise.next?.key ?? allowed[0]?.key;
  useEffect(() => {
    form.setFieldsValue({ stepKey: expected, outcome: 'done', documents: [] });
  }, [expected, form]);
  const record = useMutation({
    mutationFn: (v: Values) =>
      api<ExerciseDetail>(`/api/powers/exercises/${exercise.id}/steps`, {
        method: 'POST',
        body: {
          version: exercise.version,
          stepKey: v.stepKey,
          outcome: v.outcome,
          doneOn: v.doneOn.format('YYYY-MM-DD'),
          publicityTo: v.publicityTo ? v.publicityTo.format('YYYY-MM-DD') : null,
          approvedBy: v.approvedBy ?? '',
          documents: v.documents ?? [],
          attachmentIds: photoIds(photos),
          note: v.note ?? '',
        },
      }),
    onSuccess: (detail) => {
      qc.setQueryData(['powers', 'exercise', exercise.id], detail);
      qc.invalidateQueries({ queryKey: ['powers', 'exercises'] });
      message.success(t('已记录'));
      setPhotos([]);
      form.resetFields(['approvedBy', 'note', 'publicityTo']);
    },
  });
  const earliest = exercise.earliestNextOn ? dayjs(exercise.earliestNextOn) : null;
  const publicityMin = step?.publicityDays && doneOn ? doneOn.add(step.publicityDays - 1, 'day') : null;
  return (
    <Card title={t('记录下一步')} size="small" data-testid="record-step">
      {record.error && <Alert type="error" showIcon title={errorMessage(record.error)} style={{ marginBottom: 12 }} />}
      {earliest?.isAfter(now, 'day') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('公示期未满：{{day}} 起方可办理下一步', { day: exercise.earliestNextOn })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stepKey: expected, outcome: 'done', doneOn: now, documents: [] }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item name="stepKey" label={t('步骤')} rules={[{ required: true }]}>
          <Select
            data-testid="record-step-key"
            options={allowed.map((s) => ({
              value: s.key,
              label: s.optional ? `${s.name}（${t('可选')}）` : s.name,
            }))}
          />
        </Form.Item>
        {step && (
          <div style={{ marginTop: -12, marginBottom: 12 }}>
            <StepFacts step={step} />
          </div>
        )}
        {step?.canReject && (
          <Form.Item name="outcome" label={t('结果')}>
            <Radio.Group
              options={[
                { value: 'done', label: t('通过') },
                { value: 'rejected', label: t('否决（终止本次办理）') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="doneOn"
          label={step?.publicityDays ? t('公示开始日期') : t('办理日期')}
          rules={[{ required: true }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(now, 'day')} data-testid="record-done-on" />
        </Form.Item>
        {step?.publicityDays ? (
          <Form.Item
            name="publicityTo"
            label={t('公示截止日期（不少于 {{n}} 天，留空按最短计算）', { n: step.publicityDays })}
          >
            <DatePicker disabledDate={(d) => !!publicityMin && d.isBefore(publicityMin, 'day')} />
          </Form.Item>
        ) : null}
        <Form.Item name="approvedBy" label={t('审批人或会议（到会、表决情况）')}>
          <Input maxLength={200} data-testid="record-approved-by" />
        </Form.Item>
        {step && step.documents.length > 0 && (
          <Form.Item name="documents" label={t('已具备的材料')}>
            <Checkbox.Group options={[...step.documents]} />
          </Form.Item>
        )}
        <Form.Item label={t('材料照片或扫描件')}>
          <PhotoUploader value={photos} onChange={setPhotos} max={9} testId="record-photos" />
        </Form.Item>
        <Form.Item name="note" label={t('备注')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={record.isPending}
          disabled={photosBusy(photos)}
          data-testid="record-submit"
        >
          {t('记录')}
        </Button>
      </Form>
    </Card>
  );
}

export default function ExerciseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const can = useCan();
  const exercise = useExercise(Number(id));
  if (exercise.error) return <Alert type="error" showIcon title={errorMessage(exercise.error)} />;
  if (!exercise.data) return <Skeleton active />;
  const e = exercise.data;
  const state = STATE_LABELS[e.state];
  return (
    <>
      <Link to={{ pathname: '/powers/exercises', search: location.search }}>← {t('运行记录')}</Link>
      <Card style={{ margin: '12px 0' }}>
        <Descriptions
          title={
            <span data-testid="exercise-title">
              {e.itemName} · {e.title} <Tag color={state?.color}>{t(state?.label ?? e.state)}</Tag>
            </span>
          }
          column={{ xs: 1, md: 3 }}
          size="small"
        >
          <Descriptions.Item label={t('编号')}>{e.number}</Descriptions.Item>
          <Descriptions.Item label={t('村社区')}>{e.villageName}</Descriptions.Item>
          <Descriptions.Item label={t('启动日期')}>{e.startedOn}</Descriptions.Item>
          <Descriptions.Item label={t('办理对象或内容')}>{e.subject || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('涉及金额（元）')}>{e.amount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('进度')}>
            {e.stepCount}/{e.totalSteps}
          </Descriptions.Item>
          <Descriptions.Item label={t('缺失或超时')} span={3}>
            {e.flags.late || e.flags.missing ? <FlagTags item={e} /> : t('无')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title={t('办理流程')} size="small">
            <ProcedureFlow steps={e.procedure} standings={e.standings} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('已办理步骤')} size="small">
            {e.recorded.length === 0 && <Typography.Text type="secondary">{t('尚未记录步骤')}</Typography.Text>}
            <Timeline
              data-testid="step-timeline"
              items={e.recorded.map((r) => ({
                color: r.outcome === 'rejected' ? 'red' : 'green',
                children: (
                  <div>
                    <strong>{r.name}</strong> {r.outcome === 'rejected' && <Tag color="red">{t('否决')}</Tag>}
                    <div style={{ fontSize: 12 }}>
                      {r.publicityTo ? `${t('公示')} ${r.publicityFrom} ~ ${r.publicityTo}` : r.doneOn}
                    </div>
                    {r.approvedBy && <div style={{ fontSize: 12 }}>{r.approvedBy}</div>}
                    {r.documents.length > 0 && (
                      <div style={{ fontSize: 12, color: '#595959' }}>
                        {t('材料')}：{r.documents.join('、')}
                        {r.attachmentIds.length ? `（${t('附件 {{n}} 个', { n: r.attachmentIds.length })}）` : ''}
                      </div>
                    )}
                    {r.note && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.note}</div>}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {r.recordedBy ?? t('系统')} · {dayjs(r.recordedAt).format('YYYY-MM-DD HH:mm')}
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          {can('power.manage') && e.allowed.length > 0 ? (
            <RecordStepForm exercise={e} />
          ) : (
            <Card size="small">
              <Typography.Text type="secondary">
                {e.allowed.length === 0 ? t('本次办理已结束') : t('由村社区记录办理步骤')}
              </Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
