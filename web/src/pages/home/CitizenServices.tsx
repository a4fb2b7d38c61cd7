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

export interface ServiceTile {
  to: string;
  label: string;
  hint: string;
  icon: ReactNode;
  testId: string;
}

/** The resident's services; their paths also make the 服务 tab the active one. */
export const CITIZEN_SERVICES: ServiceTile[] = [
  { to: '/my/points', label: '我的积分', hint: '文明积分与兑换', icon: <GiftOutlined />, testId: 'tab-points' },
  { to: '/my/disputes', label: '我的调解', hint: '矛盾纠纷调解', icon: <SafetyOutlined />, testId: 'tab-disputes' },
  {
    to: '/my/deliberations',
    label: '议事',
    hint: '提议题、投票',
    icon: <CommentOutlined />,
    testId: 'tab-deliberations',
  },
  {
    to: '/my/party-service',
    label: '双报到',
    hint: '微心愿、社区服务',
    icon: <FlagOutlined />,
    testId: 'tab-party-service',
  },
  {
    to: '/my/volunteer',
    label: '志愿服务',
    hint: '报名、签到、时长',
    icon: <HeartOutlined />,
    testId: 'tab-volunteer',
  },
  { to: '/my/surveys', label: '问卷', hint: '民意调查', icon: <FormOutlined />, testId: 'tab-surveys' },
  {
    to: '/board/services',
    label: '办事指南',
    hint: '材料与最近的站点',
    icon: <SolutionOutlined />,
    testId: 'tile-services',
  },
  { to: '/public', label: '公开信息', hint: '全县数据与典型案例', icon: <GlobalOutlined />, testId: 'tile-public' },
];

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
