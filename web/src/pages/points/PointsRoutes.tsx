// 文明积分 · 诚信户 for village staff (and the towns and county above them): one village at a time (a village's
// staff their own, others pick), with its households and ledgers, rules, approvals, shop, rankings and credit
// households as tabs.
import { Select, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import ApprovalsPage from './ApprovalsPage';
import CreditPage from './CreditPage';
import HouseholdPage from './HouseholdPage';
import HouseholdsPage from './HouseholdsPage';
import { usePointsVillages, useVillageId, useVillageOverview } from './points-api';
import RankingPage from './RankingPage';
import RulesPage from './RulesPage';
import ShopPage from './ShopPage';

const TABS = [
  { key: '', label: '农户积分' },
  { key: 'approvals', label: '审批与申诉' },
  { key: 'shop', label: '积分超市' },
  { key: 'ranking', label: '积分排名' },
  { key: 'credit', label: '诚信户' },
  { key: 'rules', label: '积分规则' },
];

function VillagePicker() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const villages = usePointsVillages();
  const [villageId, setVillageId] = useVillageId();
  const overview = useVillageOverview(villageId);
  if (me.org?.kind === 'village') return <Tag color="red">{overview.data?.village.name ?? me.org.name}</Tag>;
  return (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ width: 240 }}
      value={villageId}
      onChange={setVillageId}
      loading={villages.isLoading}
      placeholder={t('选择村社区')}
      data-testid="points-village"
      options={(villages.data?.items ?? []).map((v) => ({
        value: v.id,
        label: v.households ? `${v.name}（${v.households} ${t('户')}）` : v.name,
      }))}
    />
  );
}

export default function PointsRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [villageId] = useVillageId();
  const overview = useVillageOverview(villageId);
  const section = location.pathname.replace(/^\/points\/?/, '').split('/')[0] ?? '';
  const active = section === 'households' ? '' : section;
  const badge = (key: string) => {
    const n = key === 'approvals' ? (overview.data?.pendingRequests ?? 0) + (overview.data?.openObjections ?? 0) : 0;
    return n > 0 ? (
      <Tag color="red" style={{ marginInlineStart: 6 }}>
        {n}
      </Tag>
    ) : null;
  };
  return (
    <>
      <PageTitle title={t('文明积分')} extra={<Space>{<VillagePicker />}</Space>} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate({ pathname: `/points${key ? `/${key}` : ''}`, search: location.search })}
        items={TABS.map((tab) => ({
          key: tab.key,
          label: (
            <span data-testid={`points-tab-${tab.key || 'households'}`}>
              {t(tab.label)}
              {badge(tab.key)}
            </span>
          ),
        }))}
      />
      <Routes>
        <Route index element={<HouseholdsPage />} />
        <Route path="households/:id" element={<HouseholdPage />} />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="shop" element={<ShopPage />} />
        <Route path="ranking" element={<RankingPage />} />
        <Route path="credit" element={<CreditPage />} />
        <Route path="rules" element={<RulesPage />} />
      </Routes>
    </>
  );
}
