// 志愿服务 for staff: activities (and one activity), teams, the roster with each volunteer's certificate, statistics.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import ActivitiesPage from './ActivitiesPage';
import ActivityDetailPage from './ActivityDetailPage';
import CertificatePage from './CertificatePage';
import PeoplePage from './PeoplePage';
import StatsPage from './StatsPage';
import TeamsPage from './TeamsPage';

const TABS = [
  { key: '', label: '志愿活动' },
  { key: 'teams', label: '服务队' },
  { key: 'people', label: '志愿者' },
  { key: 'stats', label: '统计' },
];

export default function VolunteerRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const sub = location.pathname.replace(/^\/volunteers\/?/, '').split('/')[0] ?? '';
  const onTab = TABS.some((x) => x.key === sub) && !location.pathname.includes('/certificate');
  return (
    <>
      {onTab && (
        <Tabs
          activeKey={sub}
          onChange={(k) => navigate(k ? `/volunteers/${k}` : '/volunteers')}
          items={TABS.map((x) => ({ key: x.key, label: t(x.label) }))}
        />
      )}
      <Routes>
        <Route index element={<ActivitiesPage />} />
        <Route path="teams" element={<TeamsPage />} />
        <Route path="people" element={<PeoplePage />} />
        <Route path="people/:id/certificate" element={<CertificatePage />} />
        <Route path="stats" element={<StatsPage />} />
        <Route path=":id" element={<ActivityDetailPage />} />
      </Routes>
    </>
  );
}
