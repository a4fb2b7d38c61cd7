// The indicator table of a ranking: rank, unit, composite score with its trend, each indicator with its
// formula in the column header's tooltip.
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { RankingRow, RankingView, Trend } from '../../api-types';
import { formatScore, formatValue } from './assessment-format';

export function TrendMark({ trend, previousRank }: { trend: Trend; previousRank: number | null }) {
  const { t } = useTranslation();
  const title = previousRank === null ? t('上期无排名') : t('上期第 {{n}} 名', { n: previousRank });
  if (trend === 'up')
    return (
      <Tooltip title={title}>
        <ArrowUpOutlined style={{ color: '#389e0d' }} aria-label={t('上升')} data-trend="up" />
      </Tooltip>
    );
  if (trend === 'down')
    return (
      <Tooltip title={title}>
        <ArrowDownOutlined style={{ color: '#cf1322' }} aria-label={t('下降')} data-trend="down" />
      </Tooltip>
    );
  if (trend === 'same')
    return (
      <Tooltip title={title}>
        <MinusOutlined style={{ color: '#8c8c8c' }} aria-label={t('持平')} data-trend="same" />
      </Tooltip>
    );
  return (
    <Tag color="blue" style={{ marginInlineEnd: 0 }} data-trend="new">
      {t('新')}
    </Tag>
  );
}

export function RankingTable({ view, compact = false }: { view: RankingView; compact?: boolean }) {
  const { t } = useTranslation();
  const dept = view.unitType === 'department';
  const columns: ColumnsType<RankingRow> = [
    { title: t('排名'), dataIndex: 'rank', width: 64, fixed: compact ? undefined : 'left', render: (v) => v ?? '—' },
    {
      title: t('单位'),
      dataIndex: 'name',
      width: 170,
      fixed: compact ? undefined : 'left',
      render: (v: string, r) =>
        compact || !r.parentName || view.unitType === 'town' || dept ? (
          v
        ) : (
          <span>
            {v}
            <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.parentName}</div>
          </span>
        ),
    },
    {
      title: (
        <Tooltip title={view.compositeFormula}>
          <Space size={4}>
            {t('综合得分')}
            <QuestionCircleOutlined />
          </Space>
        </Tooltip>
      ),
      dataIndex: 'score',
      width: 110,
      render: (v: number | null, r) => (
        <Space size={6}>
          <b data-testid="score">{formatScore(v)}</b>
          {!compact && <TrendMark trend={r.trend} previousRank={r.previousRank} />}
        </Space>
      ),
    },
    ...(dept
      ? [
          {
            title: (
              <Tooltip title={`${view.questionnaireFormula}（${t('权重')} ${view.townRatingWeight}%）`}>
                <Space size={4}>
                  {t('镇街评价')}
                  <QuestionCircleOutlined />
                </Space>
              </Tooltip>
            ),
            dataIndex: 'townRating',
            width: 100,
            render: (v: number | null, r: RankingRow) =>
              v === null ? '—' : `${formatScore(v)}（${r.townRatingCount}）`,
          },
        ]
      : []),
    ...view.indicators.map((ind) => ({
      title: (
        <Tooltip title={`${ind.formula}（${t('权重')} ${ind.weight}）`}>
          <span style={{ borderBottom: '1px dashed #999', cursor: 'help' }}>{t(ind.name)}</span>
        </Tooltip>
      ),
      key: ind.key,
      width: compact ? 80 : 96,
      align: 'right' as const,
      render: (_: unknown, r: RankingRow) => formatValue(r.values[ind.key], ind.kind),
    })),
    { title: t('受理量'), key: 'received', width: 76, align: 'right', render: (_, r) => r.facts.received ?? 0 },
  ];
  return (
    <Table
      rowKey="unitId"
      size="small"
      columns={columns}
      dataSource={view.rows}
      pagination={compact ? false : { pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={compact ? undefined : { x: 'max-content' }}
      data-testid="ranking-table"
    />
  );
}

export function FormulaLegend({ view }: { view: RankingView }) {
  const { t } = useTranslation();
  return (
    <div className="gz-formulas" data-testid="formula-legend">
      <dl style={{ margin: 0 }}>
        {view.indicators.map((i) => (
          <div key={i.key} style={{ display: 'flex', gap: 8, marginBottom: 4 }}>
            <dt style={{ minWidth: 88, fontWeight: 600 }}>{t(i.name)}</dt>
            <dd style={{ margin: 0 }}>
              {i.formula}
              <span style={{ color: '#8c8c8c' }}>
                （{t('权重')} {i.weight}）
              </span>
            </dd>
          </div>
        ))}
        <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
          <dt style={{ minWidth: 88, fontWeight: 600 }}>{t('综合得分')}</dt>
          <dd style={{ margin: 0 }}>{view.compositeFormula}</dd>
        </div>
        {view.unitType === 'department' && (
          <div style={{ display: 'flex', gap: 8, marginTop: 4 }}>
            <dt style={{ minWidth: 88, fontWeight: 600 }}>{t('镇街评价')}</dt>
            <dd style={{ margin: 0 }}>
              {view.questionnaireFormula}（{t('权重')} {view.townRatingWeight}%）
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
