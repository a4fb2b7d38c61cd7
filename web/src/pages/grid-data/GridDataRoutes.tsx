// 网格底数 pages: the tabs of records and one record.
import { Route, Routes } from 'react-router-dom';
import GridDataPage from './GridDataPage';
import RecordPage from './RecordPage';

export default function GridDataRoutes() {
  return (
    <Routes>
      <Route index element={<GridDataPage />} />
      <Route path=":kind/:id" element={<RecordPage />} />
    </Routes>
  );
}
