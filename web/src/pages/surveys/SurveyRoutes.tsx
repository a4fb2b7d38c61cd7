// 民意调查 for staff: the rounds with the trend, a round, and the call screen.
import { Route, Routes } from 'react-router-dom';
import CallScreenPage from './CallScreenPage';
import RoundDetailPage from './RoundDetailPage';
import SurveyListPage from './SurveyListPage';

export default function SurveyRoutes() {
  return (
    <Routes>
      <Route index element={<SurveyListPage />} />
      <Route path=":id" element={<RoundDetailPage />} />
      <Route path=":id/call" element={<CallScreenPage />} />
    </Routes>
  );
}
