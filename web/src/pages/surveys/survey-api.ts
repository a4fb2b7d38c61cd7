// The survey API as the pages use it: the server's view types (type-only) and the queries the pages share.
import type {
  CallScreenView,
  IndicatorView,
  MySurveyItem,
  PublicSurveyView,
  RoundDetail,
  RoundListItem,
  RoundResultsView,
  SampleView,
  TrendPoint,
  UnitResultView,
} from '@server/modules/surveys/survey-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type {
  CallScreenView,
  IndicatorView,
  MySurveyItem,
  PublicSurveyView,
  RoundDetail,
  RoundListItem,
  RoundResultsView,
  SampleView,
  TrendPoint,
  UnitResultView,
};

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  sampling: 'blue',
  distributing: 'green',
  closed: 'purple',
  pending: 'gold',
  answered: 'green',
  refused: 'red',
  unreachable: 'default',
};

export const KIND_OPTIONS = [
  { value: 'safety', label: '平安建设 群众安全感和满意度' },
  { value: 'case_satisfaction', label: '诉求办理满意度' },
  { value: 'topic', label: '专题调查' },
];

export const pct = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;

export const ciText = (ci: { low: number; high: number } | null | undefined, asPercent = true) =>
  ci ? (asPercent ? `${pct(ci.low)} – ${pct(ci.high)}` : `${ci.low.toFixed(2)} – ${ci.high.toFixed(2)}`) : '—';

export function useRound(id: number | string | undefined) {
  return useQuery({
    queryKey: ['surveys', 'round', String(id)],
    queryFn: () => api<RoundDetail>(`/api/surveys/rounds/${id}`),
    enabled: id !== undefined,
  });
}

export function useResults(id: number | string | undefined) {
  return useQuery({
    queryKey: ['surveys', 'results', String(id)],
    queryFn: () => api<RoundResultsView>(`/api/surveys/rounds/${id}/results`),
    enabled: id !== undefined,
  });
}

/** A new questionnaire starts from this example (the 平安建设 questions). */
export const QUESTIONNAIRE_TEMPLATE = {
  intro: '为了解群众对本地社会治安和平安建设工作的感受，开展本次调查。问卷不记名，约需 3 分钟。',
  script: '您好，我是县社会治理服务中心的工作人员，正在开展群众满意度调查，想占用您 3 分钟时间，可以吗？',
  questions: [
    {
      key: 'safety',
      type: 'scale',
      title: '您觉得您居住的地方治安状况怎么样？',
      lowLabel: '很不安全',
      highLabel: '很安全',
      score: true,
    },
    { key: 'satisfaction', type: 'scale', title: '您对本地平安建设工作满意吗？' },
    {
      key: 'worry',
      type: 'single',
      title: '您最担心的治安问题是什么？',
      options: ['电信网络诈骗', '入室盗窃', '交通安全', '邻里纠纷', '其他'],
    },
    { key: 'suggest', type: 'text', title: '您还有什么意见建议？', required: false },
  ],
};
