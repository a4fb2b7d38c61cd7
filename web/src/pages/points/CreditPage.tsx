// 诚信户: for a year, every household's facts against the rule (year points, unresolved deductions, overdue
// debt) for the village committee; the committee's review (date, note) designates those it approved; the
// list of the village (or the town's, the county's villages) and its export in the shape a rural bank's
// whole-village credit programme (整村授信) takes.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, withQuery } from '../../api';
import { useCan } from '../../auth';
import { useSystemNow } from '../../layout/HeaderClock';
import { type CreditCandidate, type CreditHouseholdView, useVillageId } from './points-api';

export default function CreditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [villageId] = useVillageId();
  const now = useSystemNow() ?? dayjs();
  const [year, setYear] = useState(now.year());
  const [selected, setSelected] = useState<number[]>([]);
  const [reviewing, setReviewing] = useState(false);
  const [form] = Form.useForm<{ reviewNote: string; reviewedOn: Dayjs }>();
  const candidates = useQuery({
    queryKey: ['points', 'credit-candidates', villageId, year],
    queryFn: () =>
      api<{ items: CreditCandidate[] }>(`/api/points/villages/${villageId}/credit-candidates`, { query: { year } }),
    enabled: villageId !== undefined,
  });
  const designated = useQuery({
    queryKey: ['points', 'credit', villageId, year],
    queryFn: () => api<{ items: CreditHouseholdView[] }>('/api/points/credit', { query: { year, villageId } }),
    enabled: villageId !== undefined,
  });
  const designate = useMutation({
    mutationFn: (v: { reviewNote: string; reviewedOn: Dayjs }) =>
      api<{ designated: number }>(`/api/points/villages/${villageId}/credit`, {
        method: 'POST',
        body: { year, householdIds: selected, reviewNote: v.reviewNote, reviewedOn: v.reviewedOn.format('YYYY-MM-DD') },
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      setSelected([]);
      setReviewing(false);
      message.success(t('已认定 {{n}} 户诚信户', { n: r.designated }));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      api(`/api/points/credit/${id}/revoke`, { method: 'POST', body: { reason } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['points'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const manage = can('points.manage');
  const eligible = (candidates.data?.items ?? []).filter((c) => c.eligible && !c.designated).length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <span>{t('评定年度')}</span>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} data-testid="credit-year" />
        <Button
          icon={<DownloadOutlined />}
          href={withQuery('/api/points/credit', { year, format: 'xlsx' })}
          data-testid="credit-export"
        >
          {t('导出整村授信名单（本人管辖范围）')}
        </Button>
      </Space>
      <Card
        size="small"
        title={t('评定：符合条件 {{n}} 户（年度积分达标、无未处理扣分、无逾期欠款）', { n: eligible })}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              disabled={selected.length === 0}
              onClick={() => setReviewing(true)}
              data-testid="credit-designate"
            >
              {t('村委会评议通过（{{n}} 户）', { n: selected.length })}
            </Button>
          )
        }
      >
        {candidates.error && <Alert type="error" title={errorMessage(candidates.error)} />}
        <Table<CreditCandidate>
          rowKey={(c) => c.household.id}
          size="small"
          loading={candidates.isLoading}
          dataSource={candidates.data?.items ?? []}
          pagination={{ pageSize: 15 }}
          data-testid="credit-candidates"
          rowSelection={
            manage
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(Number)),
                  getCheckboxProps: (c) => ({ disabled: !c.eligible || !!c.designated }),
                }
              : undefined
          }
          columns={[
            { title: t('门牌号'), render: (_: unknown, c) => c.household.doorNo },
            { title: t('户主'), render: (_: unknown, c) => c.household.headName },
            { title: t('年度积分'), dataIndex: 'yearPoints', align: 'right' },
            {
              title: t('评定'),
              render: (_: unknown, c) =>
                c.designated ? (
                  <Tag color={c.designated.revoked ? 'default' : 'gold'}>
                    {c.designated.revoked ? t('已撤销') : `${t('诚信户')} ${c.designated.grade}`}
                  </Tag>
                ) : c.eligible ? (
                  <Tag color="green">
                    {t('符合')} {c.grade}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.reasons.join('；')}
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('{{year}} 年度诚信户名单', { year })}>
        <Table<CreditHouseholdView>
          rowKey="id"
          size="small"
          dataSource={designated.data?.items ?? []}
          pagination={{ pageSize: 15 }}
          data-testid="credit-list"
          columns={[
            { title: t('村（社区）'), render: (_: unknown, c) => c.village.name },
            { title: t('门牌号'), render: (_: unknown, c) => c.household.doorNo },
            { title: t('户主'), render: (_: unknown, c) => c.household.headName },
            { title: t('信用等级'), dataIndex: 'grade', render: (g: string) => <Tag color="gold">{g}</Tag> },
            { title: t('年度积分'), dataIndex: 'yearPoints', align: 'right' },
            { title: t('评议'), render: (_: unknown, c) => `${c.reviewedOn} ${c.reviewNote}` },
            ...(manage
              ? [
                  {
                    title: '',
                    render: (_: unknown, c: CreditHouseholdView) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() => {
                          const reason = window.prompt(t('撤销原因'));
                          if (reason?.trim()) revoke.mutate({ id: c.id, reason });
                        }}
                      >
                        {t('撤销')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={reviewing}
        title={t('村委会评议')}
        onCancel={() => setReviewing(false)}
        onOk={() => form.submit()}
        confirmLoading={designate.isPending}
        okButtonProps={{ 'data-testid': 'credit-confirm' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ reviewedOn: now }} onFinish={(v) => designate.mutate(v)}>
          <Form.Item name="reviewedOn" label={t('评议日期')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(now, 'day')} />
          </Form.Item>
          <Form.Item
            name="reviewNote"
            label={t('评议情况（会议、参会人、意见）')}
            rules={[{ required: true, message: t('请填写评议情况') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="credit-review" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
