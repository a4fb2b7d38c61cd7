// 积分排名: the village's households by the points earned in a month or a year (the day of the deed counts;
// redemptions do not), the top ten as a chart, the table, its spreadsheet, and the link to the public board.
import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Radio, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, withQuery } from '../../api';
import { CategoryChart } from '../../components/Charts';
import { useSystemNow } from '../../layout/HeaderClock';
import { type RankingView, useVillageId } from './points-api';

export default function RankingPage() {
  const { t } = useTranslation();
  const [villageId] = useVillageId();
  const now = useSystemNow() ?? dayjs();
  const [kind, setKind] = useState<'month' | 'year'>('month');
  const [picked, setPicked] = useState<dayjs.Dayjs | null>(null);
  const at = picked ?? now;
  const period = kind === 'month' ? at.format('YYYY-MM') : at.format('YYYY');
  const ranking = useQuery({
    queryKey: ['points', 'ranking', villageId, period],
    queryFn: () => api<RankingView>(`/api/points/villages/${villageId}/ranking`, { query: { period } }),
    enabled: villageId !== undefined,
  });
  const rows = ranking.data?.rows ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          optionType="button"
          data-testid="ranking-kind"
        >
          <Radio value="month">{t('月度')}</Radio>
          <Radio value="year">{t('年度')}</Radio>
        </Radio.Group>
        <DatePicker picker={kind} value={at} onChange={setPicked} allowClear={false} />
        <Button
          icon={<DownloadOutlined />}
          href={withQuery(`/api/points/villages/${villageId}/ranking`, { period, format: 'xlsx' })}
          data-testid="ranking-export"
        >
          {t('导出 Excel')}
        </Button>
        <Button icon={<LinkOutlined />} href={`/board/points/${villageId}`} target="_blank">
          {t('公示榜（无需登录）')}
        </Button>
      </Space>
      {ranking.error && <Alert type="error" showIcon title={errorMessage(ranking.error)} />}
      <Card
        title={`${ranking.data?.village.name ?? ''} ${ranking.data?.period.label ?? ''} ${t('积分前十名')}`}
        size="small"
      >
        <CategoryChart
          data={rows.filter((r) => r.score > 0).map((r) => ({ name: r.household, count: r.score }))}
          seriesName={t('积分')}
        />
      </Card>
      <Table
        rowKey={(r) => String(r.householdId)}
        size="small"
        loading={ranking.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        data-testid="ranking-table"
        columns={[
          { title: t('名次'), dataIndex: 'rank', width: 70 },
          { title: t('农户'), dataIndex: 'household' },
          { title: t('门牌号'), dataIndex: 'doorNo' },
          { title: t('积分'), dataIndex: 'score', align: 'right' },
          { title: t('加分'), dataIndex: 'awards', align: 'right' },
          { title: t('扣分'), dataIndex: 'deductions', align: 'right' },
        ]}
      />
    </Space>
  );
}
