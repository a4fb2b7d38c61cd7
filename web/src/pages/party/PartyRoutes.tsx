// 党建引领 · 组织体系 for the county, towns, villages and departments: coverage of the grids by branches, the
// organisation tree with members, the member roll, the communities' 大党委 and the first secretaries, as tabs.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../components/common';
import CommitteePage from './CommitteePage';
import CoveragePage from './CoveragePage';
import MembersPage from './MembersPage';
import OrgTreePage from './OrgTreePage';
import SecretariesPage from './SecretariesPage';

const TABS = [
  { key: '', label: '覆盖情况' },
  { key: 'orgs', label: '组织体系' },
  { key: 'members', label: '党员名册' },
  { key: 'committee', label: '大党委' },
  { key: 'secretaries', label: '第一书记' },
];

export default function PartyRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.replace(/^\/party-org\/?/, '').split('/')[0] ?? '';
  return (
    <>
      <PageTitle title={t('党组织体系')} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/party-org${key ? `/${key}` : ''}`)}
        items={TABS.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`party-tab-${tab.key || 'coverage'}`}>{t(tab.label)}</span>,
        }))}
      />
      <Routes>
        <Route index element={<CoveragePage />} />
        <Route path="orgs" element={<OrgTreePage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="committee" element={<CommitteePage />} />
        <Route path="secretaries" element={<SecretariesPage />} />
      </Routes>
    </>
  );
}
