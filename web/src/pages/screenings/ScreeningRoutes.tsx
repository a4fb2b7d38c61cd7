// 矛盾纠纷排查: the list, the coverage report, the settings, one screening.
import { Route, Routes } from 'react-router-dom';
import CoveragePage from './CoveragePage';
import ScreeningDetailPage from './ScreeningDetailPage';
import ScreeningListPage from './ScreeningListPage';
import SettingsPage from './SettingsPage';

export default function ScreeningRoutes() {
  return (
    <Routes>
      <Route index element={<ScreeningListPage />} />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="settings" element={<SettingsPage />} />
      <Route path=":taskId" element={<ScreeningDetailPage />} />
    </Routes>
  );
}
