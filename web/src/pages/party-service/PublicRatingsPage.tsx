// The public board (no sign-in): 物业亮星 — each compound's stars with its company and the month's figures — and
// 执法亮剑 — the enforcement units' results, de-identified.
import { useQuery } from '@tanstack/react-query';
import { Alert, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { EnforcementList } from './EnforcementList';
import { type PublicCompoundView, starText } from './party-service-api';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function CompoundBoard() {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ['party-ratings', 'public'],
    queryFn: () => api<{ month: string | null; items: PublicCompoundView[] }>('/api/party/ratings/public/compounds'),
  });
  if (board.isLoading) return <Skeleton active />;
  if (board.error) return <Alert type="error" showIcon title={errorMessage(board.error)} />;
  return (
    <div data-testid="compound-board">
      {(board.data?.items ?? []).map((c) => (
        <div className="gz-m-card" key={c.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <b>{c.name}</b>
            <span style={{ color: '#d48806', fontSize: 18 }}>{starText(c.stars)}</span>
          </div>
          <div style={{ fontSize: 13, color: '#666' }}>
            {[c.townName, c.villageName].filter(Boolean).join(' · ')} · {c.companyName} · {c.month}
          </div>
          <div style={{ fontSize: 12, color: '#888', marginTop: 4 }}>
            {t('诉求数')} {c.figures.cases} · {t('解决率')} {pct(c.figures.resolutionRate)} · {t('满意率')}{' '}
            {pct(c.figures.satisfactionRate)} · {t('居民评分')} {c.figures.residentMean ?? '—'}
          </div>
        </div>
      ))}
    </div>
  );
}

export default function PublicRatingsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'property' | 'enforcement'>('property');
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('物业亮星 · 执法亮剑')}
        </Typography.Title>
      </div>
      <div className="gz-m-page">
        <Segmented
          block
          value={tab}
          onChange={(v) => setTab(v as typeof tab)}
          options={[
            { value: 'property', label: t('物业亮星') },
            { value: 'enforcement', label: t('执法亮剑') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {tab === 'property' ? <CompoundBoard /> : <EnforcementList />}
      </div>
    </div>
  );
}
