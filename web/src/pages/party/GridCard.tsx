// 网格亮责: the grid's public card — who answers for the grid (grid worker, branch secretary), the branch's
// duties and the office phone — shown on the QR landing page (码上办) and the grid's public page. No sign-in.
// Plain markup, not antd's Card and Descriptions: the card is on the phone's first screen, and those two bring
// tabs, menus and breakpoints with them (≈ 25 KB compressed, issue 22).
import { FlagOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import './grid-card.css';
import type { GridCard as GridCardView } from './party-api';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="gz-grid-card-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function GridCard({ gridId, compact = false }: { gridId: number; compact?: boolean }) {
  const { t } = useTranslation();
  const card = useQuery({
    queryKey: ['party', 'grid-card', gridId],
    queryFn: () => api<GridCardView>(`/api/party/grids/${gridId}/card`),
    retry: false,
  });
  const c = card.data;
  if (!c) return null;
  return (
    <section className="gz-grid-card" data-testid="grid-card">
      <div className="gz-grid-card-title">
        <FlagOutlined /> {t('网格亮责')} · {c.grid.name}
      </div>
      <dl className="gz-grid-card-body">
        <Row label={t('网格员')}>{c.gridWorker ?? '—'}</Row>
        <Row label={t('网格党支部')}>
          {c.branch ? (
            <span data-testid="grid-card-branch">
              {c.branch.name}
              {c.branch.secretary && (
                <>
                  {' · '}
                  {t('书记')} {c.branch.secretary}
                </>
              )}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('尚未建立网格党支部')}</Typography.Text>
          )}
        </Row>
        {c.officePhone && (
          <Row label={t('办公电话')}>
            <a href={`tel:${c.officePhone}`} data-testid="grid-card-phone">
              <PhoneOutlined /> {c.officePhone}
            </a>
          </Row>
        )}
      </dl>
      {!compact && c.duties.length > 0 && (
        <div className="gz-grid-card-duties">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('职责')}：
          </Typography.Text>
          {c.duties.map((d) => (
            <Tag key={d} color="red" bordered={false} style={{ marginBottom: 4, whiteSpace: 'normal' }}>
              {d}
            </Tag>
          ))}
        </div>
      )}
    </section>
  );
}
