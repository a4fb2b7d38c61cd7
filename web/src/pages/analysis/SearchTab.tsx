// 全文检索: Chinese full-text search over the cases in scope, with highlights and filters.
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { SearchResult } from '../../api-types';
import { CategorySelect } from '../../components/CategorySelect';
import { OrgTreeSelect } from '../../components/common';
import { CASE_STATUS_LABELS, CHANNEL_LABELS } from '../../labels';
import { CaseStateTag, placeOf } from '../cases/InboxPage';
import { Highlighted } from './Highlighted';

interface Filters {
  q: string;
  townId?: number;
  categoryId?: number | null;
  state?: string;
  channel?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function SearchTab() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const query = {
    q: filters.q || undefined,
    townId: filters.townId,
    categoryId: filters.categoryId ?? undefined,
    state: filters.state,
    channel: filters.channel,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
    page,
    pageSize,
  };
  const { data, isFetching, error } = useQuery({
    queryKey: ['analysis', 'search', query],
    queryFn: () => api<SearchResult>('/api/analysis/search', { query }),
  });
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  return (
    <div data-testid="analysis-search">
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Input.Search
            allowClear
            enterButton={t('搜索')}
            placeholder={t('输入关键词，如：垃圾清运、噪音扰民、拖欠工资')}
            style={{ width: 360 }}
            onSearch={(q) => update({ q: q.trim() })}
            data-testid="search-input"
          />
        </Form.Item>
        <Form.Item label={t('组织')}>
          <div style={{ width: 200 }}>
            <OrgTreeSelect
              value={filters.townId}
              onChange={(v) => update({ townId: v ? Number(v) : undefined })}
              placeholder={t('全部镇街')}
            />
          </div>
        </Form.Item>
        <Form.Item label={t('分类')}>
          <div style={{ width: 200 }}>
            <CategorySelect
              value={filters.categoryId}
              onChange={(v) => update({ categoryId: v })}
              placeholder={t('全部分类')}
            />
          </div>
        </Form.Item>
        <Form.Item label={t('状态')}>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('全部')}
            value={filters.state}
            onChange={(v) => update({ state: v })}
            options={Object.entries(CASE_STATUS_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
          />
        </Form.Item>
        <Form.Item label={t('来源')}>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('全部')}
            value={filters.channel}
            onChange={(v) => update({ channel: v })}
            options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
          />
        </Form.Item>
        <Form.Item label={t('反映时间')}>
          <DatePicker.RangePicker value={filters.range ?? null} onChange={(range) => update({ range })} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={(error as Error).message} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" data-testid="search-total">
        {t('共 {{n}} 件', { n: `${data?.total ?? 0}${data?.totalCapped ? '+' : ''}` })}
        {data?.terms.length ? ` · ${t('检索词')}：${data.terms.join(' ')}` : ''}
      </Typography.Paragraph>
      <List
        loading={isFetching}
        itemLayout="vertical"
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        renderItem={(c) => (
          <List.Item key={c.id} data-testid="search-hit">
            <Space size={8} wrap style={{ marginBottom: 4 }}>
              <Link to={`/cases/${c.id}`}>{c.number}</Link>
              <CaseStateTag state={c.state} />
              {c.categoryName && <Tag>{c.categoryName}</Tag>}
              <Typography.Text strong>
                <Highlighted segments={c.highlights.title} />
              </Typography.Text>
            </Space>
            <div style={{ color: 'rgba(0,0,0,0.65)' }}>
              <Highlighted segments={c.highlights.body} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {placeOf(c)} · {t(CHANNEL_LABELS[c.channel] ?? c.channel)} ·{' '}
              {dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}
