// The public page (/public) and its articles: open without signing in.
import { Route, Routes } from 'react-router-dom';
import PublicArticlePage from './PublicArticlePage';
import PublicShowcasePage from './PublicShowcasePage';
import './public.css';

export default function PublicRoutes() {
  return (
    <Routes>
      <Route index element={<PublicShowcasePage />} />
      <Route path="cases/:id" element={<PublicArticlePage kind="cases" />} />
      <Route path="news/:id" element={<PublicArticlePage kind="news" />} />
    </Routes>
  );
}
