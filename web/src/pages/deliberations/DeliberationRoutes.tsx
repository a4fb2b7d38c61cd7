// 议事 for staff: the topic queue, a topic, and the stations with their members.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import StationsPage from './StationsPage';
import TopicDetailPage from './TopicDetailPage';
import TopicListPage from './TopicListPage';

export default function DeliberationRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const onStations = location.pathname.startsWith('/deliberations/stations');
  const onTopic = /^\/deliberations\/\d+/.test(location.pathname);
  return (
    <>
      {!onTopic && (
        <Tabs
          activeKey={onStations ? 'stations' : 'topics'}
          onChange={(k) => navigate(k === 'stations' ? '/deliberations/stations' : '/deliberations')}
          items={[
            { key: 'topics', label: t('议事议题') },
            { key: 'stations', label: t('议事站与成员') },
          ]}
        />
      )}
      <Routes>
        <Route index element={<TopicListPage />} />
        <Route path="stations" element={<StationsPage />} />
        <Route path=":id" element={<TopicDetailPage />} />
      </Routes>
    </>
  );
}
