// 分析研判: full-text search, hotspots and spikes, group risks, repeat reporters, and the category suggester.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/common';
import { ClassifyBox } from './ClassifyBox';
import { GroupRisksTab } from './GroupRisksTab';
import { HotspotsTab } from './HotspotsTab';
import { RepeatReportersTab } from './RepeatReportersTab';
import { SearchTab } from './SearchTab';

export default function AnalysisPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'search';
  return (
    <div data-testid="analysis-page">
      <PageTitle title={t('分析研判')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'search', label: t('全文检索'), children: <SearchTab /> },
          { key: 'hotspots', label: t('热点与突增'), children: <HotspotsTab /> },
          { key: 'group-risks', label: t('群体性风险'), children: <GroupRisksTab /> },
          { key: 'repeat', label: t('重复反映'), children: <RepeatReportersTab /> },
          { key: 'classify', label: t('智能分类'), children: <ClassifyBox /> },
        ]}
      />
    </div>
  );
}
