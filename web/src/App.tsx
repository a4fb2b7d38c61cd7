import { useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api';
import { useCan, useMe } from './auth';
import { MobileLayout } from './layout/MobileLayout';
import { WorkbenchLayout } from './layout/WorkbenchLayout';
import { HomePage } from './pages/home/HomePage';
import { LoginPage } from './pages/LoginPage';

const OrgsPage = lazy(() => import('./pages/admin/OrgsPage'));
const GridsPage = lazy(() => import('./pages/admin/GridsPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const ApiKeysPage = lazy(() => import('./pages/admin/ApiKeysPage'));
const CategoriesPage = lazy(() => import('./pages/admin/CategoriesPage'));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const InboxPage = lazy(() => import('./pages/cases/InboxPage'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'));
const NewCasePage = lazy(() => import('./pages/cases/NewCasePage'));
const TimeLimitsPage = lazy(() => import('./pages/admin/TimeLimitsPage'));
const RoutingRulesPage = lazy(() => import('./pages/admin/RoutingRulesPage'));

function FullSpin() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Sends a 401 from any call back to the login page, remembering where the user was. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login') return;
      qc.removeQueries({ queryKey: ['me'] });
      navigate('/login', { replace: true, state: { from: window.location.pathname } });
    });
  }, [navigate, qc]);
  return null;
}

function RequireAuth() {
  const { t } = useTranslation();
  const { data, error, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <FullSpin />;
  if (error instanceof ApiError && error.status === 401) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  if (error || !data) {
    return <Result status="error" title={t('无法连接服务器')} subTitle={error instanceof Error ? error.message : ''} />;
  }
  return data.role === 'citizen' ? <MobileLayout /> : <WorkbenchLayout />;
}

function Guard({ permission, children }: { permission?: string; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (permission && !can(permission)) {
    return <Result status="403" title="403" subTitle={t('您没有访问此页面的权限')} />;
  }
  return <Suspense fallback={<FullSpin />}>{children}</Suspense>;
}

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <UnauthorizedRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route
            path="cases"
            element={
              <Guard permission="case.read">
                <InboxPage />
              </Guard>
            }
          />
          <Route
            path="cases/new"
            element={
              <Guard permission="case.create">
                <NewCasePage />
              </Guard>
            }
          />
          <Route
            path="cases/:id"
            element={
              <Guard permission="case.read">
                <CaseDetailPage />
              </Guard>
            }
          />
          <Route
            path="admin/time-limits"
            element={
              <Guard permission="timelimit.manage">
                <TimeLimitsPage />
              </Guard>
            }
          />
          <Route
            path="admin/routing-rules"
            element={
              <Guard permission="timelimit.manage">
                <RoutingRulesPage />
              </Guard>
            }
          />
          <Route
            path="admin/orgs"
            element={
              <Guard permission="org.read">
                <OrgsPage />
              </Guard>
            }
          />
          <Route
            path="admin/grids"
            element={
              <Guard permission="org.read">
                <GridsPage />
              </Guard>
            }
          />
          <Route
            path="admin/users"
            element={
              <Guard permission="user.read">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="admin/api-keys"
            element={
              <Guard permission="apikey.manage">
                <ApiKeysPage />
              </Guard>
            }
          />
          <Route
            path="admin/categories"
            element={
              <Guard>
                <CategoriesPage />
              </Guard>
            }
          />
          <Route
            path="admin/calendar"
            element={
              <Guard permission="calendar.manage">
                <CalendarPage />
              </Guard>
            }
          />
          <Route
            path="admin/audit"
            element={
              <Guard permission="audit.read">
                <AuditPage />
              </Guard>
            }
          />
          <Route path="*" element={<Result status="404" title="404" subTitle={t('页面不存在')} />} />
        </Route>
      </Routes>
    </>
  );
}
