// 公开展示管理 (staff): typical cases and their review, news posts; a link to the public page itself.
import { Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import NewsPage from './NewsPage';
import TypicalCaseDetailPage from './TypicalCaseDetailPage';
import TypicalCasesPage from './TypicalCasesPage';

export default function ShowcaseRoutes() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  if (!can('showcase.write') && !can('showcase.review')) {
    return <Result status="403" title="403" subTitle={t('您没有访问此页面的权限')} />;
  }
  const section = location.pathname.startsWith('/showcase/news') ? 'news' : 'cases';
  return (
    <>
      <PageTitle
        title={t('公开展示管理')}
        extra={
          <a href="/public" target="_blank" rel="noreferrer">
            {t('查看公开页')}
          </a>
        }
      />
      <Tabs
        activeKey={section}
        onChange={(k) => navigate(k === 'news' ? '/showcase/news' : '/showcase')}
        items={[
          { key: 'cases', label: t('典型案例') },
          ...(can('showcase.write') ? [{ key: 'news', label: t('新闻动态') }] : []),
        ]}
      />
      <Routes>
        <Route index element={<TypicalCasesPage />} />
        <Route path="cases/:id" element={<TypicalCaseDetailPage />} />
        <Route path="news" element={<NewsPage />} />
      </Routes>
    </>
  );
}
