// The grid worker's phone pages (/grid, 网格通) as routes, shared by the desk app (App.tsx) and the phone entry
// (phone.tsx), each passing its own permission guard. The map pages bring Leaflet's style sheet with them (the
// phone entry does not load it up front; in the desk app it is already there).
import { type ComponentType, lazy, type ReactNode } from 'react';
import { Route } from 'react-router-dom';

const GridTodayPage = lazy(() => import('./GridTodayPage'));
const GridCasePage = lazy(() => import('./GridCasePage'));
const PatrolPage = lazy(() => import('leaflet/dist/leaflet.css').then(() => import('./PatrolPage')));
const GridReportPage = lazy(() => import('leaflet/dist/leaflet.css').then(() => import('./GridReportPage')));

export type RouteGuard = ComponentType<{ permission?: string; children: ReactNode }>;

/** The child routes of `/grid`. */
export function gridWorkerRoutes(Guard: RouteGuard) {
  return [
    <Route
      key="today"
      index
      element={
        <Guard permission="patrol.record">
          <GridTodayPage />
        </Guard>
      }
    />,
    <Route
      key="case"
      path="cases/:id"
      element={
        <Guard permission="case.read">
          <GridCasePage />
        </Guard>
      }
    />,
    <Route
      key="patrol"
      path="patrol"
      element={
        <Guard permission="patrol.record">
          <PatrolPage />
        </Guard>
      }
    />,
    <Route
      key="report"
      path="report"
      element={
        <Guard permission="patrol.record">
          <GridReportPage />
        </Guard>
      }
    />,
  ];
}
