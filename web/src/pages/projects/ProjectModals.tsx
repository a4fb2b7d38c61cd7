// The changes made on a project's page: the monthly progress report (text, indicator values, evidence), a new
// milestone, and the county's year-end evaluation. Each sends the project's version and shows the server's
// message when refused.
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { type Project, useProjectChange } from './project-api';

export type ProjectModal = 'report' | 'milestone' | 'evaluate' | null;

interface Props {
  project: Project;
  open: ProjectModal;
  onClose: () => void;
}

/** A modal around one form whose values become one change of the project. */
function ChangeModal<V extends object>({
  project,
  title,
  open,
  onClose,
  toChange,
  initialValues,
  children,
  testId,
  okDisabled,
}: {
  project: Project;
  title: string;
  open: boolean;
  onClose: () => void;
  toChange: (v: V) => { method: 'POST' | 'PUT'; path: string; body: object };
  initialValues?: Partial<V>;
  children: ReactNode;
  testId: string;
  okDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const change = useProjectChange(project, onClose);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('提交')}
      okButtonProps={{ disabled: okDisabled }}
      confirmLoading={change.isPending}
      destroyOnHidden
      width={640}
    >
      {change.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(change.error)}
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-error`}
        />
      )}
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => change.mutate(toChange(v))}>
        {children}
      </Form>
    </Modal>
  );
}

interface ReportValues {
  month: Dayjs;
  text: string;
  values?: Record<string, number | null>;
}

function ReportModal({ project, open, onClose }: Props) {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const latest = dayjs(`${project.year}-12-01`).isBefore(now) ? dayjs(`${project.year}-12-01`) : now;
  return (
    <ChangeModal<ReportValues>
      project={project}
      title={t('报送月度进展')}
      open={open === 'report'}
      onClose={() => {
        setPhotos([]);
        onClose();
      }}
      testId="report"
      okDisabled={photosBusy(photos)}
      initialValues={{
        month: latest,
        values: Object.fromEntries(project.indicators.map((i) => [String(i.id), i.current])),
      }}
      toChange={(v) => ({
        method: 'POST',
        path: '/reports',
        body: {
          version: project.version,
          month: v.month.format('YYYY-MM'),
          text: v.text,
          values: Object.entries(v.values ?? {})
            .filter(([, value]) => value !== null && value !== undefined)
            .map(([indicatorId, value]) => ({ indicatorId: Number(indicatorId), value })),
          attachmentIds: photoIds(photos),
        },
      })}
    >
      <Form.Item name="month" label={t('月份')} rules={[{ required: true, message: t('请选择月份') }]}>
        <DatePicker
          picker="month"
          disabledDate={(d) => d.year() !== project.year || d.isAfter(now, 'month')}
          data-testid="report-month"
        />
      </Form.Item>
      <Form.Item name="text" label={t('本月工作进展')} rules={[{ required: true, message: t('请填写本月工作进展') }]}>
        <Input.TextArea rows={4} maxLength={5000} data-testid="report-text" />
      </Form.Item>
      {project.indicators.map((i) => (
        <Form.Item key={i.id} name={['values', String(i.id)]} label={`${i.name}（${t('目标')} ${i.target}${i.unit}）`}>
          <InputNumber addonAfter={i.unit} style={{ width: 220 }} />
        </Form.Item>
      ))}
      <Form.Item label={t('佐证材料')}>
        <PhotoUploader value={photos} onChange={setPhotos} testId="report-evidence" />
      </Form.Item>
    </ChangeModal>
  );
}

interface MilestoneValues {
  title: string;
  dueDate: Dayjs;
  ownerOrgId?: number;
}

function MilestoneModal({ project, open, onClose }: Props) {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  return (
    <ChangeModal<MilestoneValues>
      project={project}
      title={t('增加里程碑')}
      open={open === 'milestone'}
      onClose={onClose}
      testId="milestone"
      toChange={(v) => ({
        method: 'POST',
        path: '/milestones',
        body: {
          title: v.title,
          dueDate: v.dueDate.format('YYYY-MM-DD'),
          ownerOrgId: v.ownerOrgId ? Number(v.ownerOrgId) : null,
        },
      })}
    >
      <Form.Item name="title" label={t('里程碑')} rules={[{ required: true, message: t('请填写里程碑名称') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="dueDate" label={t('完成日期')} rules={[{ required: true, message: t('请选择完成日期') }]}>
        <DatePicker disabledDate={(d) => d.year() !== project.year || d.isBefore(now, 'day')} />
      </Form.Item>
      <Form.Item name="ownerOrgId" label={t('责任单位（默认为项目责任单位）')}>
        <UnitSelect />
      </Form.Item>
    </ChangeModal>
  );
}

interface EvaluationValues {
  score: number;
  grade?: string;
  comment?: string;
}

function EvaluateModal({ project, open, onClose }: Props) {
  const { t } = useTranslation();
  const current = project.evaluationDetail;
  return (
    <ChangeModal<EvaluationValues>
      project={project}
      title={t('年终评价')}
      open={open === 'evaluate'}
      onClose={onClose}
      testId="evaluate"
      initialValues={
        current ? { score: current.score, grade: current.grade, comment: current.comment ?? undefined } : {}
      }
      toChange={(v) => ({
        method: 'PUT',
        path: '/evaluation',
        body: { version: project.version, score: v.score, grade: v.grade ?? null, comment: v.comment ?? null },
      })}
    >
      <Typography.Paragraph type="secondary">
        {t('等次默认按得分：优秀 ≥ 90，良好 ≥ 80，一般 ≥ 60，较差 < 60。')}
      </Typography.Paragraph>
      <Form.Item name="score" label={t('得分')} rules={[{ required: true, message: t('请填写得分') }]}>
        <InputNumber min={0} max={100} step={0.5} data-testid="evaluation-score" />
      </Form.Item>
      <Form.Item name="grade" label={t('等次')}>
        <Select
          allowClear
          style={{ width: 160 }}
          options={['优秀', '良好', '一般', '较差'].map((g) => ({ value: g, label: t(g) }))}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('评价意见')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </ChangeModal>
  );
}

export function ProjectModals(props: Props) {
  return (
    <>
      <ReportModal {...props} />
      <MilestoneModal {...props} />
      <EvaluateModal {...props} />
    </>
  );
}
