// The grid's public page (网格亮责): the card of who answers for the grid, reachable without sign-in, with the
// way to report a problem on this grid.
import { EditOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { GridCard } from './GridCard';

export default function PublicGridCardPage() {
  const { t } = useTranslation();
  const gridId = Number(useParams().gridId);
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('网格亮责')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('网格里的事，找得到人、打得通电话')}</div>
      </div>
      <div className="gz-m-page">
        <GridCard gridId={gridId} />
        <Link to={`/report?grid=${gridId}`}>
          <Button type="primary" block icon={<EditOutlined />}>
            {t('在本网格反映问题')}
          </Button>
        </Link>
      </div>
    </div>
  );
}
