// The boxes of an inbox as a row of cards with their counts (我的待办's case boxes, 任务督办's task boxes): the
// active one outlined, the ones that mean trouble counted in red. And the URL-backed filters beside them.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from './common';

export interface BoxCard {
  key: string;
  label: string;
  /** The count, or what to show instead (a link text, a dash while loading). */
  count: ReactNode;
  /** Counted in red when it is a number above zero. */
  alarm?: boolean;
}

export function BoxCards({
  boxes,
  active,
  onSelect,
  testId,
  minWidth = 92,
}: {
  boxes: BoxCard[];
  active: string;
  onSelect: (key: string) => void;
  /** data-testid of the row; each card is `${prefix}-${key}`, its count `${prefix}-count-${key}`. */
  testId: { row: string; prefix: string };
  minWidth?: number;
}) {
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, minmax(${minWidth}px, 1fr))`,
        gap: 8,
        marginBottom: 12,
      }}
      data-testid={testId.row}
    >
      {boxes.map((b) => {
        const isActive = active === b.key;
        const alarm = b.alarm && typeof b.count === 'number' && b.count > 0;
        return (
          <Card
            key={b.key}
            size="small"
            hoverable
            onClick={() => onSelect(b.key)}
            data-testid={`${testId.prefix}-${b.key}`}
            styles={{ body: { padding: '8px 12px' } }}
            style={{ borderColor: isActive ? '#b7282e' : undefined, background: isActive ? '#fff1f0' : undefined }}
          >
            <div style={{ fontSize: 13, color: '#555' }}>{b.label}</div>
            <div
              style={{
                fontSize: 22,
                fontWeight: 600,
                color: alarm ? '#cf1322' : isActive ? '#b7282e' : '#1f1f1f',
                fontVariantNumeric: 'tabular-nums',
              }}
              data-testid={`${testId.prefix}-count-${b.key}`}
            >
              {b.count}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

/** Filters kept in the URL: a patch sets or clears keys (and, unless it names the page, goes back to page 1). */
export function useUrlFilters(): [URLSearchParams, (patch: Record<string, string | number | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (patch: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, update];
}

/** A box's count; a box the server does not count shows the list's total when open, else a link text. */
export function boxCount(
  n: number | undefined,
  active: boolean,
  total: number | undefined,
  linkText: string,
): ReactNode {
  if (n !== undefined) return n;
  if (active) return total ?? '–';
  return <span style={{ fontSize: 14, fontWeight: 400, color: '#8c8c8c' }}>{linkText}</span>;
}

/** An inbox page's title with 刷新 and, when the user may, its one 新建 button. */
export function InboxTitle({
  title,
  onRefresh,
  create,
}: {
  title: string;
  onRefresh: () => void;
  create?: { label: string; onClick: () => void; testId: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <PageTitle
      title={title}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={onRefresh}>
            {t('刷新')}
          </Button>
          {create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={create.testId}>
              {create.label}
            </Button>
          )}
        </Space>
      }
    />
  );
}
