// One compound's stars by month: the score as a line, each month's figures and parts of the formula, the formula
// itself, the compound's history.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton, Table, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { type CompoundMonthView, type CompoundView, starText } from './party-service-api';

type Detail = CompoundView & { months: CompoundMonthView[]; linkedCases: number; weights: Record<string, number> };

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export const FORMULA = [
  '响应：诉求上报到首次办理（签收、受理等）的时长中位数，≤2 小时 100 分，≤8 小时 85，≤24 小时 70，≤48 小时 50，≤72 小时 30，更长 10',
  '解决：已答复、办结、归档的诉求 ÷ 诉求数',
  '满意：满意与基本满意 ÷ 已评价诉求数',
  '重复投诉：100 − 2 × 重复投诉率（同一反映人当月再次反映或重办），不低于 0',
  '居民评分：(居民 1–5 星平均 − 1) ÷ 4 × 100',
  '权重 20 / 25 / 20 / 15 / 20；某项无数据则不计，其余权重按比例放大（当月无物业类诉求时只看居民评分）；得分 ≥90 五星，≥75 四星，≥60 三星，≥40 二星，其余一星',
];

export default function CompoundDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const detail = useQuery({
    queryKey: ['party-ratings', 'compound', id],
    queryFn: () => api<Detail>(`/api/party/ratings/compounds/${id}`),
  });
  if (detail.isLoading) return <Skeleton active />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  const c = detail.data;
  const months = [...c.months].reverse();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card title={c.name} extra={<span style={{ color: '#d48806', fontSize: 18 }}>{starText(c.latest?.stars)}</span>}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('社区')}>{c.villageName}</Descriptions.Item>
          <Descriptions.Item label={t('物业企业')}>{c.companyName}</Descriptions.Item>
          <Descriptions.Item label={t('关联诉求')}>{c.linkedCases}</Descriptions.Item>
        </Descriptions>
        {months.length > 0 && (
          <ReactECharts
            style={{ height: 220 }}
            option={{
              grid: { left: 40, right: 20, top: 20, bottom: 30 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: months.map((m) => m.month) },
              yAxis: { type: 'value', min: 0, max: 100 },
              series: [
                { type: 'line', name: t('得分'), data: months.map((m) => m.score), itemStyle: { color: '#c4302b' } },
              ],
            }}
          />
        )}
      </Card>
      <Card title={t('逐月星级')} size="small">
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={c.months}
          columns={[
            { title: t('月份'), dataIndex: 'month' },
            {
              title: t('星级'),
              dataIndex: 'stars',
              render: (s: number | null) => <span style={{ color: '#d48806' }}>{starText(s)}</span>,
            },
            { title: t('得分'), dataIndex: 'score', render: (s: number | null) => s ?? '—' },
            { title: t('诉求数'), key: 'cases', render: (_: unknown, m: CompoundMonthView) => m.figures.cases },
            {
              title: t('响应时长中位数'),
              key: 'resp',
              render: (_: unknown, m: CompoundMonthView) =>
                m.figures.medianResponseHours === null ? '—' : `${m.figures.medianResponseHours} h`,
            },
            {
              title: t('解决率'),
              key: 'res',
              render: (_: unknown, m: CompoundMonthView) => pct(m.figures.resolutionRate),
            },
            {
              title: t('满意率'),
              key: 'sat',
              render: (_: unknown, m: CompoundMonthView) => pct(m.figures.satisfactionRate),
            },
            {
              title: t('重复投诉率'),
              key: 'rep',
              render: (_: unknown, m: CompoundMonthView) => pct(m.figures.repeatRate),
            },
            {
              title: t('居民评分'),
              key: 'residents',
              render: (_: unknown, m: CompoundMonthView) =>
                m.figures.residentMean === null ? '—' : `${m.figures.residentMean}（${m.figures.residentCount}）`,
            },
          ]}
        />
      </Card>
      <Card title={t('计算公式')} size="small">
        {FORMULA.map((line) => (
          <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>
            {t(line)}
          </Typography.Paragraph>
        ))}
      </Card>
    </div>
  );
}
