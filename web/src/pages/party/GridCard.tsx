// 网格亮责: the grid's public card — who answers for the grid (grid worker, branch secretary), the branch's
// duties and the office phone — shown on the QR landing page (码上办) and the grid's public page. No sign-in.
import { FlagOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { GridCard as GridCardView } from './party-api';

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
    <Card
      size="small"
      data-testid="grid-card"
      style={{ marginBottom: 12, borderColor: '#ffccc7' }}
      styles={{ header: { background: '#fff1f0' } }}
      title={
        <span style={{ color: '#cf1322' }}>
          <FlagOutlined /> {t('网格亮责')} · {c.grid.name}
        </span>
      }
    >
      <Descriptions size="small" column={1} colon>
        <Descriptions.Item label={t('网格员')}>{c.gridWorker ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('网格党支部')}>
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
        </Descriptions.Item>
        {c.officePhone && (
          <Descriptions.Item label={t('办公电话')}>
            <a href={`tel:${c.officePhone}`} data-testid="grid-card-phone">
              <PhoneOutlined /> {c.officePhone}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      {!compact && c.duties.length > 0 && (
        <div style={{ marginTop: 6 }}>
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
    </Card>
  );
}
