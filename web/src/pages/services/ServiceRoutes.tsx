// 便民服务 for staff: applications (办件), stations, the lists of service items, and the 最多跑一次 figures.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import ApplicationsPage from './ApplicationsPage';
import ItemsPage from './ItemsPage';
import StationsPage from './StationsPage';
import StatsPage from './StatsPage';

const TABS = [
  { key: '', label: '办件' },
  { key: 'stations', label: '服务站点' },
  { key: 'items', label: '事项清单' },
  { key: 'stats', label: '办件统计' },
];

export default function ServiceRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.replace(/^\/services\/?/, '').split('/')[0] ?? '';
  return (
    <>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(k ? `/services/${k}` : '/services')}
        items={TABS.map((tab) => ({ key: tab.key, label: t(tab.label) }))}
        tabBarExtraContent={
          <a href="/board/services" target="_blank" rel="noreferrer">
            {t('群众办事指南')}
          </a>
        }
        data-testid="services-tabs"
      />
      <Routes>
        <Route index element={<ApplicationsPage />} />
        <Route path="stations" element={<StationsPage />} />
        <Route path="items" element={<ItemsPage />} />
        <Route path="stats" element={<StatsPage />} />
      </Routes>
    </>
  );
}
