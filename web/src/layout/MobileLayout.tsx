// The phone layout of citizens and grid workers: no side menu, a coloured header, content in a phone-width
// column, a tab bar at the bottom. It also frames /report before sign-in (then there is nothing to sign out of).
import {
  AimOutlined,
  AppstoreOutlined,
  CameraOutlined,
  DesktopOutlined,
  EditOutlined,
  FileSearchOutlined,
  HomeOutlined,
  LogoutOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useLogout, useMe } from '../auth';
import '../pages/citizen/mobile.css';
import { CITIZEN_SERVICE_ENTRIES } from '../pages/home/citizen-services';
import { LangSwitch } from './LangSwitch';

interface Tab {
  to: string;
  label: string;
  icon: ReactNode;
  testId: string;
}

const CITIZEN_TABS: Tab[] = [
  { to: '/', label: '首页', icon: <HomeOutlined />, testId: 'tab-home' },
  { to: '/report', label: '一键反映', icon: <EditOutlined />, testId: 'tab-report' },
  { to: '/my', label: '我的反映', icon: <FileSearchOutlined />, testId: 'tab-my' },
  // 积分, 调解, 议事, 双报到, 志愿, 问卷 …: one tab, a page of tiles (nine tabs did not fit a phone)
  { to: '/my/services', label: '服务', icon: <AppstoreOutlined />, testId: 'tab-services' },
];

const GRID_TABS: Tab[] = [
  { to: '/grid', label: '今日任务', icon: <ScheduleOutlined />, testId: 'tab-today' },
  { to: '/grid/patrol', label: '巡查', icon: <AimOutlined />, testId: 'tab-patrol' },
  { to: '/grid/report', label: '随手拍', icon: <CameraOutlined />, testId: 'tab-snap' },
  { to: '/', label: '工作台', icon: <DesktopOutlined />, testId: 'tab-workbench' },
];

/** The legal adviser's phone (/m/legal): record a service, back to the workbench. */
const LEGAL_TABS: Tab[] = [
  { to: '/m/legal', label: '法律服务', icon: <EditOutlined />, testId: 'tab-legal' },
  { to: '/', label: '工作台', icon: <DesktopOutlined />, testId: 'tab-workbench' },
];

function isActive(path: string, to: string): boolean {
  if (to === '/' || to === '/grid') return path === to;
  return path === to || path.startsWith(`${to}/`);
}

export function MobileLayout({ variant = 'citizen' }: { variant?: 'citizen' | 'grid' | 'legal' }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const { data: me } = useMe();
  const location = useLocation();
  const tabs = variant === 'grid' ? GRID_TABS : variant === 'legal' ? LEGAL_TABS : CITIZEN_TABS;
  // The report form has its own submit bar at the bottom; a signed-out visitor has nowhere else to go.
  const showTabs = !!me && location.pathname !== '/report' && location.pathname !== '/grid/report';
  // the most specific tab that matches (/my/points is not also 我的反映)
  const path = CITIZEN_SERVICE_ENTRIES.some((s) => isActive(location.pathname, s.to))
    ? '/my/services'
    : location.pathname;
  const activeTab = tabs.filter((tab) => isActive(path, tab.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <div className="gz-mobile">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '8px 12px',
          background: '#9f1f24',
        }}
      >
        <Link to={variant === 'grid' ? '/grid' : '/'} className="gz-brand" style={{ fontSize: 15 }}>
          <span className="gz-brand-logo" style={{ width: 24, height: 24, fontSize: 13 }}>
            共
          </span>
          {variant === 'grid' ? t('共治 · 网格通') : variant === 'legal' ? t('共治 · 法律顾问') : t('共治 · 码上办')}
        </Link>
        <span>
          <LangSwitch />
          {me && (
            <Button
              type="text"
              size="small"
              style={{ color: '#fff' }}
              icon={<LogoutOutlined />}
              onClick={() => void logout()}
              data-testid="logout"
            >
              {t('退出')}
            </Button>
          )}
        </span>
      </div>
      <div style={{ paddingBottom: showTabs ? 60 : 0 }}>
        <Outlet />
      </div>
      {showTabs && (
        <nav className="gz-m-tabbar" data-testid="mobile-tabbar">
          <div className="gz-m-tabbar-inner">
            {tabs.map((tab) => (
              <Link
                key={tab.to}
                to={tab.to}
                className={`gz-m-tab${tab.to === activeTab ? ' active' : ''}`}
                data-testid={tab.testId}
              >
                {tab.icon}
                <span>{t(tab.label)}</span>
              </Link>
            ))}
          </div>
        </nav>
      )}
    </div>
  );
}
