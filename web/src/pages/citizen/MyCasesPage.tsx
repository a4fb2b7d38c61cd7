// 我的反映: the citizen's own reports, newest first, each with its progress in plain words.
import { EditOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { citizenStatus } from './citizen-status';
import type { CitizenCase } from './citizen-types';
import './mobile.css';

export function useMyCases() {
  return useQuery({
    queryKey: ['my-cases'],
    queryFn: () => api<{ items: CitizenCase[] }>('/api/my/cases'),
  });
}

export function MyCaseList({ items }: { items: CitizenCase[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="my-cases">
      {items.map((c) => {
        const status = citizenStatus(c.state);
        return (
          <Link key={c.id} to={`/my/${c.id}`} className="gz-m-list-item" data-testid="my-case">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
              <Typography.Text strong style={{ fontSize: 15 }} ellipsis>
                {c.title}
              </Typography.Text>
              <Tag color={status.color} style={{ marginInlineEnd: 0, flex: 'none' }} data-testid="my-case-status">
                {t(status.label)}
              </Tag>
            </div>
            <div className="gz-m-muted" style={{ marginTop: 4 }}>
              {t(status.hint)}
              {c.handlingUnit ? ` · ${c.handlingUnit}` : ''}
            </div>
            <div className="gz-m-muted" style={{ marginTop: 4, display: 'flex', justifyContent: 'space-between' }}>
              <span>
                {c.number} · {dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}
              </span>
              <RightOutlined />
            </div>
          </Link>
        );
      })}
    </div>
  );
}

export default function MyCasesPage() {
  const { t } = useTranslation();
  const { data, isLoading, error } = useMyCases();
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-title">
          {t('我的反映')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('查看办理进度、答复，并对结果进行评价')}</div>
      </div>
      <div className="gz-m-page">
        {error && <Alert type="error" showIcon title={errorMessage(error)} />}
        {isLoading && <Skeleton active />}
        {data && data.items.length === 0 && (
          <div className="gz-m-card">
            <Empty description={t('您还没有反映过问题')}>
              <Link to="/report">
                <Button type="primary" icon={<EditOutlined />}>
                  {t('一键反映')}
                </Button>
              </Link>
            </Empty>
          </div>
        )}
        {data && data.items.length > 0 && <MyCaseList items={data.items} />}
      </div>
    </div>
  );
}
