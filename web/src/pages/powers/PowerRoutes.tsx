// 小微权力清单 for staff: one village at a time (a village's staff their own, towns and the county pick one) with
// its list of powers and exercises; the town's view of missing and late steps across its villages; the county
// template.
import { Select, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import ExerciseDetailPage from './ExerciseDetailPage';
import ExercisesPage from './ExercisesPage';
import PowerListPage from './PowerListPage';
import { usePowerVillageId, usePowerVillages } from './power-api';
import SupervisionPage from './SupervisionPage';
import TemplatePage from './TemplatePage';

const TABS = [
  { key: '', label: '权力清单' },
  { key: 'exercises', label: '运行记录' },
  { key: 'supervision', label: '缺失与超时' },
  { key: 'template', label: '县级模板' },
];

function VillagePicker() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const villages = usePowerVillages();
  const [villageId, setVillageId] = usePowerVillageId();
  if (me.org?.kind === 'village') return <Tag color="red">{me.org.name}</Tag>;
  return (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ width: 260 }}
      value={villageId}
      onChange={setVillageId}
      loading={villages.isLoading}
      placeholder={t('选择村社区')}
      data-testid="powers-village"
      options={(villages.data?.items ?? []).map((v) => ({
        value: v.id,
        label: v.items ? `${v.name}（${v.items} ${t('项')}）` : v.name,
      }))}
    />
  );
}

export default function PowerRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const villages = usePowerVillages();
  const section = location.pathname.replace(/^\/powers\/?/, '').split('/')[0] ?? '';
  const flagged = (villages.data?.items ?? []).reduce((n, v) => n + v.flagged, 0);
  return (
    <>
      <PageTitle
        title={t('小微权力清单')}
        extra={section === 'supervision' || section === 'template' ? null : <VillagePicker />}
      />
      <Tabs
        activeKey={section}
        onChange={(key) => navigate({ pathname: `/powers${key ? `/${key}` : ''}`, search: location.search })}
        items={TABS.map((tab) => ({
          key: tab.key,
          label: (
            <span data-testid={`powers-tab-${tab.key || 'list'}`}>
              {t(tab.label)}
              {tab.key === 'supervision' && flagged > 0 && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {flagged}
                </Tag>
              )}
            </span>
          ),
        }))}
      />
      <Routes>
        <Route index element={<PowerListPage />} />
        <Route path="exercises" element={<ExercisesPage />} />
        <Route path="exercises/:id" element={<ExerciseDetailPage />} />
        <Route path="supervision" element={<SupervisionPage />} />
        <Route path="template" element={<TemplatePage />} />
      </Routes>
    </>
  );
}
