// 服务 on a resident's phone: one grid of what the county offers beyond reporting — civility points, mediation,
// deliberation, 双报到, volunteering, surveys, the convenience-service guide and the public pages. The tab bar keeps
// four tabs; each capability's phone pages stay where they are and are reached from here (and from the home page).
import {
  CommentOutlined,
  FlagOutlined,
  FormOutlined,
  GiftOutlined,
  GlobalOutlined,
  HeartOutlined,
  SafetyOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CITIZEN_SERVICE_ENTRIES, type ServiceEntry } from './citizen-services';

export interface ServiceTile extends ServiceEntry {
  icon: ReactNode;
}

const ICONS: Record<string, ReactNode> = {
  '/my/points': <GiftOutlined />,
  '/my/disputes': <SafetyOutlined />,
  '/my/deliberations': <CommentOutlined />,
  '/my/party-service': <FlagOutlined />,
  '/my/volunteer': <HeartOutlined />,
  '/my/surveys': <FormOutlined />,
  '/board/services': <SolutionOutlined />,
  '/public': <GlobalOutlined />,
};

/** The resident's services (citizen-services.ts) with their icons. */
export const CITIZEN_SERVICES: ServiceTile[] = CITIZEN_SERVICE_ENTRIES.map((s) => ({ ...s, icon: ICONS[s.to] }));

export function ServiceTiles() {
  const { t } = useTranslation();
  return (
    <div className="gz-m-tiles" data-testid="citizen-services">
      {CITIZEN_SERVICES.map((s) => (
        <Link key={s.to} to={s.to} className="gz-m-tile" data-testid={s.testId}>
          <span className="gz-m-tile-icon">{s.icon}</span>
          <span className="gz-m-tile-label">{t(s.label)}</span>
          <span className="gz-m-tile-hint">{t(s.hint)}</span>
        </Link>
      ))}
    </div>
  );
}

export default function CitizenServicesPage() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={5} style={{ margin: '4px 0 10px' }}>
        {t('社区服务')}
      </Typography.Title>
      <ServiceTiles />
    </div>
  );
}
