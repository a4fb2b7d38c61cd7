// 加分 / 扣分: a rule of the village (the rule decides the points per time or hour), how many, the day of the
// deed, and the evidence — photos (uploaded from this computer or phone), a case number, an activity, a note.
// From the village's threshold on the server keeps it for a second person's approval and says so.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { type HouseholdView, type RuleView, rulePoints } from './points-api';

interface Values {
  ruleId: number;
  quantity: number;
  occurredOn: Dayjs;
  activity?: string;
  caseId?: number;
  note?: string;
}

type Outcome = { status: 'posted'; points: number; balance: number } | { status: 'pending'; points: number };

export function AwardModal({
  household,
  rules,
  mode,
  open,
  onClose,
  onDone,
}: {
  household: HouseholdView;
  rules: RuleView[];
  mode: 'award' | 'deduct';
  open: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const now = useSystemNow() ?? dayjs();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const choices = rules.filter((r) => r.active && (mode === 'award' ? r.points > 0 : r.points < 0));
  const ruleId = Form.useWatch('ruleId', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const rule = choices.find((r) => r.id === ruleId);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<Outcome>('/api/points/entries', {
        method: 'POST',
        body: {
          householdId: household.id,
          ruleId: v.ruleId,
          quantity: v.quantity,
          occurredOn: v.occurredOn.format('YYYY-MM-DD'),
          activity: v.activity?.trim() || null,
          caseId: v.caseId ?? null,
          note: v.note ?? '',
          attachmentIds: photoIds(photos),
        },
      }),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      form.resetFields();
      setPhotos([]);
      onClose();
      onDone(
        o.status === 'pending'
          ? t('{{points}} 分已提交，达到审批阈值，待镇街审批后记入', { points: o.points })
          : t('已记入：{{points}} 分，余额 {{balance}} 分', { points: o.points, balance: o.balance }),
      );
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={`${mode === 'award' ? t('加分') : t('扣分')} · ${household.doorNo} ${household.headName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('提交')}
      okButtonProps={{ disabled: photosBusy(photos), 'data-testid': 'award-submit' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="award-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1, occurredOn: now }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="ruleId" label={t('积分规则')} rules={[{ required: true, message: t('请选择积分规则') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="award-rule"
            options={[...new Set(choices.map((r) => r.category))].map((category) => ({
              label: category,
              options: choices
                .filter((r) => r.category === category)
                .map((r) => ({ value: r.id, label: `${r.name}（${rulePoints(r.points, r.unit)}）` })),
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={rule?.unit === 'hour' ? t('小时数') : t('次数')}>
          <InputNumber min={1} max={100} data-testid="award-quantity" />
        </Form.Item>
        {rule && (
          <Typography.Paragraph type="secondary" data-testid="award-preview">
            {t('本次')} {rule.points * quantity > 0 ? '+' : ''}
            {rule.points * quantity} {t('分')}
            {rule.capPoints
              ? `；${t('上限')} ${rule.capPoints} ${t('分')}/${rule.capPeriod === 'month' ? t('月') : t('年')}`
              : ''}
          </Typography.Paragraph>
        )}
        <Form.Item name="occurredOn" label={t('发生日期')} rules={[{ required: true }]}>
          <DatePicker
            disabledDate={(d) => d.isAfter(now, 'day') || d.isBefore(now.subtract(31, 'day'), 'day')}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="activity" label={t('活动或事由')}>
          <Input maxLength={200} placeholder={t('如：清理河道志愿活动')} data-testid="award-activity" />
        </Form.Item>
        <Form.Item name="caseId" label={t('关联案件 ID（可选）')}>
          <InputNumber min={1} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={mode === 'deduct' ? t('情况说明（扣分须附照片、案件或说明）') : t('备注')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="award-note" />
        </Form.Item>
      </Form>
      {/* outside the form: antd shows every file input inside a form */}
      <div style={{ marginBottom: 4 }}>{t('证据照片')}</div>
      <PhotoUploader value={photos} onChange={setPhotos} max={9} testId="award-photos" />
    </Modal>
  );
}
