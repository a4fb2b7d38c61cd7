// 双报到 for staff: the communities' needs, the registrations of units and in-service members, the units' yearly
// reports (county platform).
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../../auth';
import NeedDetailPage from './NeedDetailPage';
import NeedsPage from './NeedsPage';
import RegistrationsPage from './RegistrationsPage';
import ReportsPage from './ReportsPage';

export default function PartyServiceRoutes() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.split('/')[2] ?? '';
  return (
    <>
      {tab !== 'needs' && (
        <Tabs
          activeKey={tab || 'index'}
          onChange={(k) => navigate(k === 'index' ? '/party-service' : `/party-service/${k}`)}
          items={[
            { key: 'index', label: t('服务需求') },
            { key: 'registrations', label: t('报到登记') },
            ...(can('partyservice.report') ? [{ key: 'reports', label: t('年度报告') }] : []),
          ]}
        />
      )}
      <Routes>
        <Route index element={<NeedsPage />} />
        <Route path="needs/:id" element={<NeedDetailPage />} />
        <Route path="registrations" element={<RegistrationsPage />} />
        <Route path="reports" element={<ReportsPage />} />
      </Routes>
    </>
  );
}
