// The village's public page of the small-power list (村务公开), open without signing in — for the QR code on the
// notice board: each power with its legal basis and its procedure, and each exercise with its published steps
// and publicity dates. No subject, amount, approver or note is ever sent here.
import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { ProcedureFlow } from './ProcedureFlow';
import { type PublicPowersView, STATE_LABELS } from './power-api';

export default function PublicPowersPage() {
  const { t } = useTranslation();
  const { villageId } = useParams();
  const page = useQuery({
    queryKey: ['powers-public', villageId],
    queryFn: () => api<PublicPowersView>(`/api/public/powers/villages/${villageId}`),
  });
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="public-powers-title">
          {page.data?.village.name ?? ''} {t('小微权力清单')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('村务公开 · 权力运行全程留痕')}</div>
      </div>
      <div className="gz-m-page">
        {page.isLoading && <Skeleton active />}
        {page.error && <Alert type="warning" showIcon title={errorMessage(page.error)} />}
        {page.data && (
          <>
            <Typography.Title level={5}>{t('权力清单')}</Typography.Title>
            {page.data.items.length === 0 && <Empty description={t('暂无数据')} />}
            <Collapse
              data-testid="public-powers-items"
              items={page.data.items.map((item) => ({
                key: item.id,
                label: (
                  <span>
                    <Tag color="red">{item.category}</Tag>
                    {item.name}
                  </span>
                ),
                children: (
                  <>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                      {t('法律依据')}：{item.legalBasis}
                    </Typography.Paragraph>
                    <ProcedureFlow steps={item.steps} />
                  </>
                ),
              }))}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('权力运行公开')}
            </Typography.Title>
            {page.data.exercises.length === 0 && <Empty description={t('暂无数据')} />}
            {page.data.exercises.map((e) => (
              <div key={e.number} className="gz-m-list-item" data-testid="public-exercise">
                <div style={{ marginBottom: 8 }}>
                  <strong>{e.title}</strong>{' '}
                  <Tag color={STATE_LABELS[e.state]?.color}>{t(STATE_LABELS[e.state]?.label ?? e.state)}</Tag>
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                    {e.itemName} · {e.number} · {t('启动')} {e.startedOn}
                  </div>
                </div>
                <Timeline
                  items={e.steps.map((s) => ({
                    color: s.outcome === 'rejected' ? 'red' : 'green',
                    children: (
                      <div style={{ fontSize: 13 }}>
                        {s.name}
                        {s.outcome === 'rejected' && <Tag color="red">{t('否决')}</Tag>}
                        <div style={{ fontSize: 12, color: '#595959' }}>
                          {s.publicityTo ? `${t('公示')} ${s.publicityFrom} ~ ${s.publicityTo}` : s.doneOn}
                        </div>
                      </div>
                    ),
                  }))}
                />
              </div>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
