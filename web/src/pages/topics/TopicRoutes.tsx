// 每月一题 · 未诉先办 (issue 19): the month's proposals and the topics, one topic's page.
import { Route, Routes } from 'react-router-dom';
import TopicDetailPage from './TopicDetailPage';
import TopicsPage from './TopicsPage';

export default function TopicRoutes() {
  return (
    <Routes>
      <Route index element={<TopicsPage />} />
      <Route path=":id" element={<TopicDetailPage />} />
    </Routes>
  );
}
