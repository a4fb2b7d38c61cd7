// 便民服务 · 办事指南 on the phone, open without signing in (the QR code at a station, a link in a text message):
// search the county's list by what one needs or what one has (a material), and open an item.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Input, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import type { PublicItemSummary } from './service-api';

export default function FindServicesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const all = useQuery({
    queryKey: ['service-items-public', 'all'],
    queryFn: () => api<{ items: PublicItemSummary[] }>('/api/service-items/public/items'),
  });
  const found = useQuery({
    queryKey: ['service-items-public', q, category],
    queryFn: () => api<{ items: PublicItemSummary[] }>('/api/service-items/public/items', { query: { q, category } }),
  });
  const categories = [...new Set(all.data?.items.map((i) => i.category) ?? [])];
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('便民服务')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('查办事指南 · 找最近的办理点 · 最多跑一次')}</div>
      </div>
      <div className="gz-m-page">
        <Input.Search
          allowClear
          size="large"
          placeholder={t('要办的事或手头的材料，如 医保')}
          onSearch={(v) => setQ(v.trim())}
          data-testid="service-search"
        />
        <div style={{ margin: '12px 0', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          <Tag.CheckableTag checked={!category} onChange={() => setCategory(undefined)}>
            {t('全部')}
          </Tag.CheckableTag>
          {categories.map((c) => (
            <Tag.CheckableTag key={c} checked={category === c} onChange={(on) => setCategory(on ? c : undefined)}>
              {c}
            </Tag.CheckableTag>
          ))}
        </div>
        {found.isLoading && <Skeleton active />}
        {found.error && <Alert type="warning" showIcon title={errorMessage(found.error)} />}
        {found.data && found.data.items.length === 0 && <Empty description={t('没有找到相关事项，换个说法试试')} />}
        {found.data?.items.map((item) => (
          <Link key={item.id} to={`/board/services/${item.id}`} style={{ color: 'inherit' }}>
            <div className="gz-m-list-item" data-testid="service-result">
              <div style={{ fontWeight: 600 }}>
                {item.name}
                {item.kind === 'chain' && (
                  <Tag color="magenta" style={{ marginLeft: 6 }}>
                    {t('一链办理')}
                  </Tag>
                )}
              </div>
              <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>
                {item.department} · {t('法定时限 {{n}} 个工作日', { n: item.legalLimitDays })}
              </div>
              <div style={{ marginTop: 6 }}>
                <Tag>{item.category}</Tag>
                {item.agent && <Tag color="green">{t('村社区可代办')}</Tag>}
                <Tag color="blue">{t('{{n}} 个办理点', { n: item.stations })}</Tag>
              </div>
            </div>
          </Link>
        ))}
      </div>
    </div>
  );
}
