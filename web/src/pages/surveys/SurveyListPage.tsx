// 民意调查: the county's rounds with their progress, the trend of the satisfaction score across rounds, and a
// new round (the county platform): its title, kind, questionnaire (JSON, checked by the server, which names
// the question at fault) and quotas per town or village.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { RoundFormModal } from './RoundFormModal';
import { KIND_OPTIONS, type RoundListItem, STATE_COLORS, type TrendPoint } from './survey-api';
import { TrendChart } from './TrendChart';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');

export default function SurveyListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState('safety');
  const rounds = useQuery({
    queryKey: ['surveys', 'rounds'],
    queryFn: () => api<{ items: RoundListItem[] }>('/api/surveys/rounds'),
  });
  const trend = useQuery({
    queryKey: ['surveys', 'trends', kind],
    queryFn: () => api<{ points: TrendPoint[] }>('/api/surveys/trends', { query: { kind } }),
  });
  return (
    <div>
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('民意调查')}
        </Typography.Title>
        {can('survey.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-round">
            {t('新建民调')}
          </Button>
        )}
      </Space>
      <Card
        size="small"
        title={t('满意度得分趋势（答 4–5 分的比例）')}
        extra={
          <Segmented
            size="small"
            value={kind}
            onChange={(v) => setKind(String(v))}
            options={KIND_OPTIONS.map((k) => ({ value: k.value, label: t(k.label) }))}
          />
        }
        style={{ marginBottom: 12 }}
      >
        {trend.data && trend.data.points.length > 0 ? (
          <TrendChart points={trend.data.points} />
        ) : (
          <Typography.Text type="secondary">{t('暂无已发放的同类民调')}</Typography.Text>
        )}
      </Card>
      {rounds.error && <Alert type="error" showIcon title={errorMessage(rounds.error)} />}
      <Table<RoundListItem>
        rowKey="id"
        size="middle"
        loading={rounds.isLoading}
        dataSource={rounds.data?.items ?? []}
        pagination={false}
        data-testid="round-table"
        columns={[
          {
            title: t('民调名称'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/surveys/${r.id}`}>{v}</Link>,
          },
          { title: t('类型'), dataIndex: 'kindLabel', render: (v: string) => t(v), width: 200 },
          {
            title: t('状态'),
            dataIndex: 'stateLabel',
            width: 90,
            render: (v: string, r) => <Tag color={STATE_COLORS[r.state]}>{t(v)}</Tag>,
          },
          { title: t('样本'), dataIndex: 'sampled', width: 80, align: 'right' },
          { title: t('已答'), dataIndex: 'answered', width: 80, align: 'right' },
          { title: t('开始发放'), dataIndex: 'openedAt', width: 110, render: fmt },
          { title: t('结束'), dataIndex: 'closedAt', width: 110, render: fmt },
          {
            title: '',
            width: 90,
            render: (_: unknown, r) =>
              r.state === 'distributing' && can('survey.call') ? (
                <Link to={`/surveys/${r.id}/call`}>{t('拨号屏')}</Link>
              ) : null,
          },
        ]}
      />
      <RoundFormModal
        open={creating}
        onClose={() => {
          setCreating(false);
          void qc.invalidateQueries({ queryKey: ['surveys'] });
        }}
      />
    </div>
  );
}
