// 物业亮星 · 执法亮剑 for staff: compounds and their stars, a compound's months, the enforcement list.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import CompoundDetailPage from './CompoundDetailPage';
import CompoundsPage from './CompoundsPage';
import { EnforcementList } from './EnforcementList';

export default function PartyRatingsRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.split('/')[2] ?? '';
  return (
    <>
      {tab !== 'compounds' && (
        <Tabs
          activeKey={tab || 'index'}
          onChange={(k) => navigate(k === 'index' ? '/party-ratings' : `/party-ratings/${k}`)}
          items={[
            { key: 'index', label: t('物业亮星') },
            { key: 'enforcement', label: t('执法亮剑') },
          ]}
        />
      )}
      <Routes>
        <Route index element={<CompoundsPage />} />
        <Route path="compounds/:id" element={<CompoundDetailPage />} />
        <Route path="enforcement" element={<EnforcementList />} />
      </Routes>
    </>
  );
}
