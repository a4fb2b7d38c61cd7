// A governance topic: the monthly volume of its kind of case before and after adoption (the effect of 未诉先办),
// its tasks as the task capability tracks them, its record, and closing it (结项) with a note.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Statistic, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { TaskTable } from '../../components/TaskTable';
import { BeforeAfterChart } from './TopicCharts';
import type { TopicDetail } from './topic-api';

function CloseButton({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () =>
      api<TopicDetail>(`/api/topics/${topic.id}/close`, { method: 'POST', body: { version: topic.version, note } }),
    onSuccess: (updated) => {
      qc.setQueryData(['topics', 'detail', String(topic.id)], updated);
      void qc.invalidateQueries({ queryKey: ['topics'] });
      setOpen(false);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="topic-close">
        {t('结项')}
      </Button>
      <Modal
        open={open}
        title={t('议题结项')}
        onCancel={() => setOpen(false)}
        onOk={() => close.mutate()}
        confirmLoading={close.isPending}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('结项说明：采取了哪些措施，问题是否从根本上解决')}
        />
      </Modal>
    </>
  );
}

export default function TopicDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const { data, error, isLoading } = useQuery({
    queryKey: ['topics', 'detail', id],
    queryFn: () => api<TopicDetail>(`/api/topics/${id}`),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (isLoading || !data) return <Card loading />;
  const change = data.effect.change;
  return (
    <div data-testid="topic-detail">
      <PageTitle
        title={data.title}
        extra={
          <Space>
            <Tag color={data.state === 'active' ? 'blue' : 'default'}>
              {data.state === 'active' ? t('推进中') : t('已结项')}
            </Tag>
            {data.state === 'active' && can('topic.manage') && <CloseButton topic={data} />}
          </Space>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('辖区')}>{data.area.name}</Descriptions.Item>
        <Descriptions.Item label={t('牵头单位')}>{data.lead.name}</Descriptions.Item>
        <Descriptions.Item label={t('问题月份')}>{data.month}</Descriptions.Item>
        <Descriptions.Item label={t('采纳')}>
          {dayjs(data.adoptedAt).format('YYYY-MM-DD')} {data.adoptedBy.orgName} {data.adoptedBy.userName}
        </Descriptions.Item>
        <Descriptions.Item label={t('关键词')}>{data.terms.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('事项')}>{data.categories.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
        {data.description && <Descriptions.Item label={t('治理思路')}>{data.description}</Descriptions.Item>}
        {data.closeNote && <Descriptions.Item label={t('结项说明')}>{data.closeNote}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" title={t('采纳前后同类案件月度数量')} style={{ marginBottom: 16 }}>
        <Row gutter={16} style={{ marginBottom: 8 }}>
          <Col span={8}>
            <Statistic title={t('采纳前月均')} value={data.effect.before} />
          </Col>
          <Col span={8}>
            <Statistic title={t('采纳后月均')} value={data.effect.after ?? '—'} data-testid="topic-after" />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('变化')}
              value={change === null ? '—' : `${change > 0 ? '+' : ''}${Math.round(change * 100)}%`}
              valueStyle={{ color: change === null ? undefined : change <= 0 ? '#3f8600' : '#cf1322' }}
            />
          </Col>
        </Row>
        <BeforeAfterChart months={data.months} series={data.series} adoptedMonth={data.adoptedMonth} />
        <div style={{ fontSize: 12, color: '#8c8c8c' }}>
          {t('按采纳时保存的议题特征（关键词、事项、地点）逐月统计；采纳当月不计入前后对比，本月为截至目前的数量。')}
        </div>
      </Card>
      <Card size="small" title={t('议题任务')} style={{ marginBottom: 16 }}>
        <TaskTable tasks={data.tasks} showSource={false} />
      </Card>
      <Card size="small" title={t('办理记录')}>
        <Timeline
          items={data.history.map((h) => ({
            children: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(h.label)} ${h.actor.orgName ?? ''} ${h.actor.userName ?? ''}`,
          }))}
        />
      </Card>
    </div>
  );
}
