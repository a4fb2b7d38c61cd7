// 工作专班: the list, forming and editing a team, and one team as its leader sees it.
import { Route, Routes } from 'react-router-dom';
import WorkTeamFormPage from './WorkTeamFormPage';
import WorkTeamListPage from './WorkTeamListPage';
import WorkTeamPage from './WorkTeamPage';

export default function WorkTeamRoutes() {
  return (
    <Routes>
      <Route index element={<WorkTeamListPage />} />
      <Route path="new" element={<WorkTeamFormPage />} />
      <Route path=":id" element={<WorkTeamPage />} />
      <Route path=":id/edit" element={<WorkTeamFormPage />} />
    </Routes>
  );
}
