// 智能派单 settings (issue 19): the county's switch and threshold, chosen with figures — for each threshold the
// share of cases that would be dispatched automatically and the precision, on the labelled data (cross-validated)
// and on the county's own decided cases — and the suggestions, corrections, automatic dispatches and returns
// per category.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';

interface Settings {
  autoDispatch: boolean;
  threshold: number;
  updatedAt: string | null;
}
interface ThresholdRow {
  threshold: number;
  dispatched: number;
  share: number;
  precision: number | null;
  wrong: number;
}
interface Measured {
  n: number;
  accuracy: number | null;
  rows: ThresholdRow[];
}
interface ThresholdReport {
  settings: Settings;
  labelled: Measured;
  county: Measured;
}
interface CategoryStats {
  categoryName: string;
  suggested: number;
  accepted: number;
  corrected: number;
  autoDispatched: number;
  returned: number;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function ThresholdTable({ title, m, testId }: { title: string; m: Measured | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('样本 {{n}} 条，首选准确率 {{a}}', { n: m?.n ?? 0, a: pct(m?.accuracy) })}
      </Typography.Paragraph>
      <Table<ThresholdRow>
        size="small"
        rowKey="threshold"
        pagination={false}
        data-testid={testId}
        dataSource={m?.rows ?? []}
        columns={[
          { title: t('阈值'), dataIndex: 'threshold', render: (v: number) => `${Math.round(v * 100)}%` },
          { title: t('自动派单比例'), dataIndex: 'share', render: (v: number) => pct(v) },
          { title: t('准确率'), dataIndex: 'precision', render: (v: number | null) => pct(v) },
          { title: t('派错（件）'), dataIndex: 'wrong' },
        ]}
      />
    </Card>
  );
}

export default function IntelligenceSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: ['intelligence', 'thresholds'],
    queryFn: () => api<ThresholdReport>('/api/intelligence/thresholds'),
  });
  const stats = useQuery({
    queryKey: ['intelligence', 'stats'],
    queryFn: () => api<{ items: CategoryStats[] }>('/api/intelligence/stats'),
  });
  const [autoDispatch, setAutoDispatch] = useState(false);
  const [threshold, setThreshold] = useState(0.9);
  useEffect(() => {
    if (report.data) {
      setAutoDispatch(report.data.settings.autoDispatch);
      setThreshold(report.data.settings.threshold);
    }
  }, [report.data]);
  const save = useMutation({
    mutationFn: () => api<Settings>('/api/intelligence/settings', { method: 'PUT', body: { autoDispatch, threshold } }),
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['intelligence'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = report.data?.labelled.rows ?? [];
  const chosen = rows.find((r) => r.threshold === threshold);
  return (
    <div>
      <Typography.Title level={4}>{t('智能分类与智能派单')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }} data-testid="intelligence-settings">
        <Space wrap size="large">
          <Space>
            <Typography.Text>{t('智能派单')}</Typography.Text>
            <Switch
              checked={autoDispatch}
              onChange={setAutoDispatch}
              disabled={!can('category.manage')}
              data-testid="auto-dispatch-switch"
            />
          </Space>
          <Space>
            <Typography.Text>{t('置信度阈值')}</Typography.Text>
            <Select
              value={threshold}
              onChange={setThreshold}
              disabled={!can('category.manage')}
              style={{ width: 110 }}
              options={[...new Set([...rows.map((r) => r.threshold), threshold])]
                .sort((a, b) => a - b)
                .map((v) => ({ value: v, label: `${Math.round(v * 100)}%` }))}
              data-testid="threshold-select"
            />
          </Space>
          {can('category.manage') && (
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="save-settings">
              {t('保存')}
            </Button>
          )}
        </Space>
        {chosen && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={t('按标注数据估计：该阈值下约 {{s}} 的案件将自动派单，其中准确率 {{p}}', {
              s: pct(chosen.share),
              p: pct(chosen.precision),
            })}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(
            '开启后：案件登记时未选分类的，系统按诉求内容智能分类；置信度达到阈值且派遣规则给出唯一承办单位时，自动受理并派遣，时间线标注“智能派单”，承办单位可照常退单。默认关闭。',
          )}
        </Typography.Paragraph>
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <ThresholdTable title={t('标注数据（交叉验证）')} m={report.data?.labelled} testId="threshold-labelled" />
        </Col>
        <Col xs={24} lg={12}>
          <ThresholdTable title={t('本县已核定案件')} m={report.data?.county} testId="threshold-county" />
        </Col>
      </Row>
      <Card size="small" title={t('按分类统计')}>
        <Table<CategoryStats>
          size="small"
          rowKey="categoryName"
          loading={stats.isLoading}
          dataSource={stats.data?.items ?? []}
          data-testid="intelligence-stats"
          columns={[
            { title: t('建议分类'), dataIndex: 'categoryName' },
            { title: t('建议'), dataIndex: 'suggested' },
            { title: t('采纳'), dataIndex: 'accepted' },
            { title: t('纠正'), dataIndex: 'corrected' },
            { title: t('智能派单'), dataIndex: 'autoDispatched' },
            { title: t('退单'), dataIndex: 'returned' },
          ]}
        />
      </Card>
    </div>
  );
}
