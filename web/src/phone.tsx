// The phone entry (issue 22): the citizen's 一键反映 (/report, opened from a grid's QR code) and the grid worker's
// phone (/grid/*) load this small app instead of the desk app (main.tsx): no side menu, no charts, no desk pages.
// The server answers those paths with phone.html (src/http/web-app.ts); any other path reached from here (the
// citizen's 我的反映, the workbench, the login page) is opened as a whole page, which the server answers with
// the desk app. The pages themselves are the desk app's (web/src/pages/citizen, web/src/pages/grid).
import { lazy, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router-dom';
import './styles.css';
import { AppTheme } from './AppTheme';
import { ApiError, setUnauthorizedHandler } from './api';
import { useMe } from './auth';
import { LazyAntApp } from './components/LazyAntApp';
import { LazyResult } from './components/LazyResult';
import { FullSpin, Guard } from './components/RouteGuard';
import { MobileLayout } from './layout/MobileLayout';
import { mountApp } from './mount';
import { gridWorkerRoutes } from './pages/grid/grid-routes';

const ReportPage = lazy(() => import('./pages/citizen/ReportPage'));

/** The paths this entry serves; the server's list is src/http/web-app.ts PHONE_PATHS (keep them the same). */
export function isPhonePath(pathname: string): boolean {
  return pathname === '/report' || pathname === '/grid' || pathname.startsWith('/grid/');
}

/** Opens a path outside the phone entry as a whole page (the server answers it with the desk app). */
function leave(to: string): void {
  window.location.assign(to);
}

/** Any path not served here: a whole-page load of the desk app. */
function DeskPage() {
  const location = useLocation();
  useEffect(() => {
    if (!isPhonePath(location.pathname)) leave(`${location.pathname}${location.search}${location.hash}`);
  }, [location]);
  return <FullSpin />;
}

/** A 401 sends the grid worker to the login page (of the desk app); /report signs in on the page itself. */
function UnauthorizedRedirect() {
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/report') return;
      leave('/login');
    });
  }, []);
  return null;
}

function RequireGridWorker() {
  const { t } = useTranslation();
  const { data, error, isLoading } = useMe();
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) leave('/login');
  }, [error]);
  if (isLoading || (error instanceof ApiError && error.status === 401)) return <FullSpin />;
  if (error || !data) {
    return (
      <LazyResult status="error" title={t('无法连接服务器')} subTitle={error instanceof Error ? error.message : ''} />
    );
  }
  return <MobileLayout variant="grid" />;
}

function PhoneApp() {
  return (
    <>
      <UnauthorizedRedirect />
      <Routes>
        <Route element={<MobileLayout />}>
          <Route
            path="report"
            element={
              <Guard>
                <ReportPage />
              </Guard>
            }
          />
        </Route>
        <Route path="grid" element={<RequireGridWorker />}>
          {gridWorkerRoutes(Guard)}
        </Route>
        <Route path="*" element={<DeskPage />} />
      </Routes>
    </>
  );
}

/** The desk's theme and locale; antd's App (message …) only when a page first shows a message. */
function PhoneFrame({ children }: { children: ReactNode }) {
  return (
    <AppTheme>
      <LazyAntApp>{children}</LazyAntApp>
    </AppTheme>
  );
}

mountApp(<PhoneApp />, PhoneFrame);
