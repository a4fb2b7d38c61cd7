// The grid map's layer 网格底数 (issue 14 §1): each grid shaded by its people (a choropleth over the user's
// scope), a red marker sized by the count at every grid with things whose inspection is overdue, and a panel with
// the figures of the grid clicked — or of its village or town — from the grid-data dashboard API.
import { Alert, Card, Descriptions, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, Tooltip as LTooltip } from 'react-leaflet';
import { errorMessage } from '../../api';
import type { GridProps } from '../../types';
import { type Dashboard, useDashboard } from './grid-data-api';

/**
 * Five shades of people per grid, light to dark: the lightest for a grid without people, the other four by the
 * quartiles of the grids that have some; a grid outside the scope stays grey.
 */
export const PEOPLE_SHADES = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const OUT_OF_SCOPE = '#f0f0f0';

export type GridFigures = Dashboard['grids'][number];

/**
 * The least people of shades 1–4: the quartiles of the grids with people (at least 1, so that a grid without
 * people keeps shade 0 — quantiles over all grids are 0 when most grids have no records yet, and every grid
 * then took the darkest shade).
 */
export function peopleCuts(people: number[]): number[] {
  const sorted = people.filter((n) => n > 0).sort((a, b) => a - b);
  return [0, 1, 2, 3].map((i) => sorted[Math.floor((sorted.length * i) / 4)] ?? 1);
}

/** The scope's figures per grid and the people thresholds of the shades. */
export function useGridFigures(enabled: boolean) {
  const dashboard = useDashboard(undefined, enabled);
  return useMemo(() => {
    const grids = dashboard.data?.grids ?? [];
    const byGrid = new Map(grids.map((g) => [g.gridId, g]));
    const cuts = peopleCuts(grids.map((g) => g.people));
    const shade = (gridId: number): string => {
      const g = byGrid.get(gridId);
      if (!g) return OUT_OF_SCOPE;
      return PEOPLE_SHADES[cuts.filter((c) => g.people >= c).length] ?? PEOPLE_SHADES[0];
    };
    return { byGrid, shade, cuts, loading: dashboard.isLoading, error: dashboard.error, total: dashboard.data };
  }, [dashboard.data, dashboard.isLoading, dashboard.error]);
}

/** Red markers at the grids whose things' inspection is overdue, sized by how many. */
export function OverdueMarkers({ figures }: { figures: Map<number, GridFigures> }) {
  const { t } = useTranslation();
  return (
    <>
      {[...figures.values()]
        .filter((g) => g.overdue > 0 && g.lat != null && g.lng != null)
        .map((g) => (
          <CircleMarker
            key={g.gridId}
            center={[g.lat as number, g.lng as number]}
            radius={Math.min(14, 4 + Math.sqrt(g.overdue) * 2)}
            // className is a creation option: react-leaflet's pathOptions only restyle
            className="gz-overdue"
            pathOptions={{ color: '#a8071a', weight: 1, fillColor: '#f5222d', fillOpacity: 0.85 }}
            interactive={false}
          >
            <LTooltip direction="top">{t('{{name}}：巡检逾期 {{n}} 件', { name: g.name, n: g.overdue })}</LTooltip>
          </CircleMarker>
        ))}
    </>
  );
}

export function PeopleLegend({ cuts, overdueGrids }: { cuts: number[]; overdueGrids: number }) {
  const { t } = useTranslation();
  const bounds = [0, ...cuts];
  return (
    <Card size="small" title={t('网格底数：人员（按网格着色）')} data-testid="griddata-legend">
      <Space wrap size={[4, 6]}>
        {PEOPLE_SHADES.map((shade, i) => {
          const from = bounds[i] ?? 0;
          const to = (bounds[i + 1] ?? 1) - 1;
          // equal quartiles leave a shade without grids: it is not listed
          if (i < 4 && to < from) return null;
          return (
            // the shade itself as the background (antd's color prop would only tint it)
            <Tag
              key={shade}
              style={{ background: shade, borderColor: shade, color: i > 2 ? '#fff' : '#000' }}
              data-testid="griddata-shade"
            >
              {i === 4 ? `≥ ${from}` : from === to ? `${from}` : `${from}–${to}`}
            </Tag>
          );
        })}
        <Tag color="#f5222d">{t('巡检逾期的网格 {{n}} 个', { n: overdueGrids })}</Tag>
      </Space>
    </Card>
  );
}

function Counts({ values, testId }: { values: Record<string, number>; testId: string }) {
  const entries = Object.entries(values).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space wrap size={[4, 4]} data-testid={testId}>
      {entries.map(([k, n]) => (
        <Tag key={k}>
          {k} {n}
        </Tag>
      ))}
    </Space>
  );
}

/** The figures of the grid clicked, its village or its town. */
export function GridFiguresPanel({ grid }: { grid: GridProps | null }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<'grid' | 'village' | 'town'>('grid');
  const orgId = grid ? Number(level === 'grid' ? grid.id : level === 'village' ? grid.villageId : grid.townId) : 0;
  const figures = useDashboard(orgId || undefined, Boolean(grid));
  const d = figures.data;
  return (
    <Card size="small" title={t('网格底数')} style={{ marginBottom: 12 }} data-testid="griddata-figures">
      {!grid ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('点击地图上的网格查看底数')} />
      ) : (
        <>
          <Segmented
            size="small"
            block
            value={level}
            onChange={(v) => setLevel(v as 'grid' | 'village' | 'town')}
            options={[
              { value: 'grid', label: grid.name },
              { value: 'village', label: grid.villageName },
              { value: 'town', label: grid.townName },
            ]}
            data-testid="griddata-level"
            style={{ marginBottom: 8 }}
          />
          {figures.isLoading && <Spin />}
          {figures.error && <Alert type="info" showIcon title={errorMessage(figures.error)} />}
          {d && (
            <Descriptions size="small" column={1} data-testid="griddata-figures-table">
              <Descriptions.Item label={t('人员')}>
                <span data-testid="griddata-people">{d.people}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('人口类型')}>
                <Counts values={d.byResidence} testId="griddata-residence" />
              </Descriptions.Item>
              <Descriptions.Item label={t('特殊人群标签')}>
                <Counts values={d.byTag} testId="griddata-tags" />
              </Descriptions.Item>
              <Descriptions.Item label={t('户')}>
                <span data-testid="griddata-households">{d.households}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('场所')}>
                <Counts values={d.placesByCategory} testId="griddata-places" />
              </Descriptions.Item>
              <Descriptions.Item label={t('部件设施')}>{d.things}</Descriptions.Item>
              <Descriptions.Item label={t('巡检逾期')}>
                <Typography.Text type={d.overdue > 0 ? 'danger' : undefined} data-testid="griddata-overdue">
                  {d.overdue}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          )}
        </>
      )}
    </Card>
  );
}
