// 智能分类建议 on the case page (issue 19): the classifier's category pre-selected with its confidence and the
// first-level scores; the dispatcher accepts it with one click or picks another (a correction, counted).
import { RobotOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { CaseDetail } from '../../api-types';
import { useCan } from '../../auth';
import { CategorySelect } from '../../components/CategorySelect';

export interface CaseSuggestion {
  caseId: number;
  status: 'pending' | 'suggested' | 'accepted' | 'corrected' | 'auto' | 'failed';
  categoryId: number | null;
  categoryName: string | null;
  level1Name: string | null;
  confidence: number | null;
  scores: { level1: { id: number | null; name: string; score: number }[] };
  proposedOrgName: string | null;
  autoDispatched: boolean;
  autoReason: string | null;
  returnCount: number;
  finalCategoryId: number | null;
}

/** 地址匹配: where the case's address was found (a case that came without a point). */
export interface CaseLocationMatch {
  status: 'pending' | 'matched' | 'unmatched';
  address: string;
  placeKind: string | null;
  placeName: string | null;
  gridName: string | null;
  confidence: number | null;
}

const PLACE_KIND_LABELS: Record<string, string> = {
  building: '楼栋',
  road: '道路门牌',
  compound: '小区',
  poi: '场所',
  grid: '网格',
  village: '村（社区）',
  town: '镇街',
};

const pct = (x: number | null | undefined) => `${Math.round((x ?? 0) * 100)}%`;

const STATUS: Record<CaseSuggestion['status'], { label: string; color: string }> = {
  pending: { label: '分析中', color: 'default' },
  suggested: { label: '待核定', color: 'gold' },
  accepted: { label: '已采纳', color: 'green' },
  corrected: { label: '已纠正', color: 'orange' },
  auto: { label: '智能派单', color: 'blue' },
  failed: { label: '未能分析', color: 'default' },
};

export function SuggestionCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: ['case-suggestion', detail.id, detail.version],
    queryFn: () =>
      api<{ suggestion: CaseSuggestion | null; location: CaseLocationMatch | null }>(
        `/api/intelligence/cases/${detail.id}/suggestion`,
      ),
    retry: false,
  });
  const s = data?.suggestion ?? null;
  const [choice, setChoice] = useState<number | null>(null);
  useEffect(() => {
    setChoice(s ? (s.finalCategoryId ?? s.categoryId) : null);
  }, [s]);
  const decide = useMutation({
    mutationFn: (categoryId: number) =>
      api<{ status: string; version: number }>(`/api/intelligence/cases/${detail.id}/suggestion/decide`, {
        method: 'POST',
        body: { version: detail.version, categoryId },
      }),
    onSuccess: (r) => {
      message.success(r.status === 'accepted' ? t('已采纳智能分类建议') : t('已纠正分类，将用于模型学习'));
      void qc.invalidateQueries({ queryKey: ['case', detail.id] });
      void qc.invalidateQueries({ queryKey: ['case-suggestion', detail.id] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const location = data?.location?.status === 'matched' ? data.location : null;
  const locationLine = location && (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="case-location-match">
      {t('地址匹配')}：{location.placeName}（
      {t(PLACE_KIND_LABELS[location.placeKind ?? ''] ?? location.placeKind ?? '')}）
      {location.gridName ? ` → ${location.gridName}` : ''} · {t('置信度')} {pct(location.confidence)}
    </Typography.Text>
  );
  if (!s || s.status === 'pending' || s.status === 'failed') {
    return location ? (
      <Card size="small" style={{ marginBottom: 12 }} data-testid="case-suggestion">
        {locationLine}
      </Card>
    ) : null;
  }
  const status = STATUS[s.status];
  const open = !['closed', 'rejected', 'merged'].includes(detail.state);
  const changed = choice !== null && choice !== (s.finalCategoryId ?? s.categoryId);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="case-suggestion"
      title={
        <Space>
          <RobotOutlined />
          {t('智能分类建议')}
          <Tag color={status.color}>{t(status.label)}</Tag>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap>
          <Typography.Text strong data-testid="suggested-category">
            {s.level1Name && s.categoryName && s.level1Name !== s.categoryName
              ? `${s.level1Name} / ${s.categoryName}`
              : s.categoryName}
          </Typography.Text>
          <Typography.Text type="secondary">{t('置信度')}</Typography.Text>
          <Progress
            percent={Math.round((s.confidence ?? 0) * 100)}
            size="small"
            style={{ width: 140, margin: 0 }}
            status={(s.confidence ?? 0) >= 0.9 ? 'success' : 'normal'}
            data-testid="suggestion-confidence"
          />
          {s.proposedOrgName && (
            <Typography.Text type="secondary">
              {t('建议承办单位')}：{s.proposedOrgName}
            </Typography.Text>
          )}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.scores.level1.map((l) => `${l.name} ${pct(l.score)}`).join(' · ')}
        </Typography.Text>
        {s.autoDispatched && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('已由智能派单自动受理并派遣')}
            {s.returnCount > 0 ? ` · ${t('已退单 {{n}} 次', { n: s.returnCount })}` : ''}
          </Typography.Text>
        )}
        {locationLine}
        {open && can('case.handle') && (
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <div style={{ flex: 1 }}>
              <CategorySelect value={choice} onChange={setChoice} testId="suggestion-category" />
            </div>
            <Button
              type="primary"
              loading={decide.isPending}
              disabled={choice === null || (!changed && s.status !== 'suggested')}
              onClick={() => choice !== null && decide.mutate(choice)}
              data-testid="suggestion-decide"
            >
              {choice === s.categoryId ? t('采纳') : t('改为此分类')}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </Card>
  );
}
