// 突破项目: the year's projects, registering one, one project, and the way from a milestone task to its project.
import { Spin } from 'antd';
import { useEffect } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import ProjectFormPage from './ProjectFormPage';
import ProjectListPage from './ProjectListPage';
import ProjectPage from './ProjectPage';
import type { Projects } from './project-api';

/** A milestone task's page links here: find the project of the milestone. */
function MilestoneRedirect() {
  const { milestoneId } = useParams();
  const navigate = useNavigate();
  useEffect(() => {
    void api<Projects>('/api/projects', { query: { milestoneId } })
      .then((r) => navigate(r.items[0] ? `/projects/${r.items[0].id}` : '/projects', { replace: true }))
      .catch(() => navigate('/projects', { replace: true }));
  }, [milestoneId, navigate]);
  return <Spin style={{ display: 'block', margin: 60 }} />;
}

export default function ProjectRoutes() {
  return (
    <Routes>
      <Route index element={<ProjectListPage />} />
      <Route path="new" element={<ProjectFormPage />} />
      <Route path="milestones/:milestoneId" element={<MilestoneRedirect />} />
      <Route path=":id" element={<ProjectPage />} />
    </Routes>
  );
}
