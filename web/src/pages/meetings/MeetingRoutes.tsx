// 联席会议: the list, the kinds of meeting, one meeting (agenda, record, decisions, minutes) and its printable minutes.
import { Spin } from 'antd';
import { useEffect } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import MeetingKindsPage from './MeetingKindsPage';
import MeetingListPage from './MeetingListPage';
import MeetingPage from './MeetingPage';
import MinutesPage from './MinutesPage';
import type { MeetingRow } from './meeting-api';

/** A task's page links to its decision: find the meeting that made it. */
function DecisionRedirect() {
  const { decisionId } = useParams();
  const navigate = useNavigate();
  useEffect(() => {
    void api<{ items: MeetingRow[] }>('/api/meetings', { query: { decisionId } })
      .then((r) => navigate(r.items[0] ? `/meetings/${r.items[0].id}?tab=decisions` : '/meetings', { replace: true }))
      .catch(() => navigate('/meetings', { replace: true }));
  }, [decisionId, navigate]);
  return <Spin style={{ display: 'block', margin: 60 }} />;
}

export default function MeetingRoutes() {
  return (
    <Routes>
      <Route index element={<MeetingListPage />} />
      <Route path="kinds" element={<MeetingKindsPage />} />
      <Route path="decisions/:decisionId" element={<DecisionRedirect />} />
      <Route path=":id" element={<MeetingPage />} />
      <Route path=":id/minutes" element={<MinutesPage />} />
    </Routes>
  );
}
