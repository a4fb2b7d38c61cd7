// 法律顾问 (一村一法律顾问) for the county, towns, villages and law firms: the month's service per village, the
// service log and the roster, as tabs.
import { MobileOutlined } from '@ant-design/icons';
import { Button, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import AdvisersPage from './AdvisersPage';
import EntriesPage from './EntriesPage';
import MonthlyPage from './MonthlyPage';
import { ReviewRequestButton } from './ReviewRequestButton';

const TABS = [
  { key: '', label: '月度情况' },
  { key: 'entries', label: '服务记录' },
  { key: 'advisers', label: '顾问名册' },
];

export default function LegalRoutes() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.replace(/^\/legal\/?/, '').split('/')[0] ?? '';
  return (
    <>
      <PageTitle
        title={t('一村一法律顾问')}
        extra={
          <Space>
            <ReviewRequestButton />
            {can('legal.record') && (
              <Link to="/m/legal">
                <Button icon={<MobileOutlined />}>{t('手机记录服务')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/legal${key ? `/${key}` : ''}`)}
        items={TABS.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`legal-tab-${tab.key || 'monthly'}`}>{t(tab.label)}</span>,
        }))}
      />
      <Routes>
        <Route index element={<MonthlyPage />} />
        <Route path="entries" element={<EntriesPage />} />
        <Route path="advisers" element={<AdvisersPage />} />
      </Routes>
    </>
  );
}
