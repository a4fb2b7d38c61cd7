// The citizen's reports as a list of cards (the home page and 我的反映 both show it).
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
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
