// 任务督办: the unit's tasks by box, one task with its actions and history.
import { Route, Routes } from 'react-router-dom';
import TaskDetailPage from './TaskDetailPage';
import TaskListPage from './TaskListPage';

export default function TaskRoutes() {
  return (
    <Routes>
      <Route index element={<TaskListPage />} />
      <Route path=":id" element={<TaskDetailPage />} />
    </Routes>
  );
}
