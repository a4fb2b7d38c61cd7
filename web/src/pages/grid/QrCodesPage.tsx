// 码上办二维码: the grids of the administrator's scope with the QR code each one posts on its notice board;
// a citizen who scans it opens the report form with the grid already set. Printable as a sheet of codes.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Pagination, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import type { Page } from '../../types';
import '../citizen/mobile.css';

interface GridCode {
  id: number;
  code: string;
  name: string;
  villageName: string;
  townName: string;
  reportUrl: string;
  png: string;
  svg: string;
}

const PAGE_SIZE = 24;

export default function QrCodesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [villageId, setVillageId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const villages = useQuery({
    queryKey: ['orgs', 'village', 'all'],
    queryFn: () => api<Page<{ id: number; name: string }>>('/api/orgs', { query: { kind: 'village', limit: 500 } }),
    staleTime: 10 * 60_000,
  });
  const { data, isLoading, error } = useQuery({
    queryKey: ['qrcodes', q, villageId, page],
    queryFn: () =>
      api<{ items: GridCode[]; total: number }>('/api/qrcodes/grids', {
        query: { q, withinId: villageId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      }),
  });
  return (
    <div>
      <div className="gz-no-print">
        <PageTitle title={t('码上办二维码')} />
        <Typography.Paragraph type="secondary">
          {t('每个网格一张二维码，张贴在网格公示牌上。群众扫码后打开“一键反映”，已自动填好所在网格。')}
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            placeholder={t('按村（社区）筛选')}
            value={villageId}
            onChange={(v) => {
              setVillageId(v);
              setPage(1);
            }}
            options={(villages.data?.items ?? []).map((v) => ({ value: Number(v.id), label: v.name }))}
            data-testid="qr-village"
          />
          <Input.Search
            allowClear
            placeholder={t('网格名称或编码')}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="qr-print">
            {t('打印本页二维码')}
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Spin />}
      {data && data.items.length === 0 && <Empty description={t('没有网格')} />}
      <div className="gz-qr-sheet" data-testid="qr-sheet">
        {data?.items.map((g) => (
          <div className="gz-qr-card" key={g.id} data-testid="qr-card">
            <div style={{ fontWeight: 600, color: '#9f1f24', letterSpacing: 2 }}>{t('码上办 · 有事扫一扫')}</div>
            <img src={g.svg} alt={g.name} />
            <div style={{ fontWeight: 600 }}>{g.name}</div>
            <div style={{ fontSize: 12, color: '#666' }}>
              {g.townName} · {g.villageName}
            </div>
            <div style={{ fontSize: 11, color: '#999' }}>{g.code}</div>
            <a className="gz-no-print" href={g.png} download={`码上办-${g.name}.png`}>
              <DownloadOutlined /> PNG
            </a>
          </div>
        ))}
      </div>
      {data && data.total > PAGE_SIZE && (
        <Card size="small" className="gz-no-print" style={{ marginTop: 12 }}>
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
          />
        </Card>
      )}
    </div>
  );
}
