// 网格底数: the figures of one's grids, then one tab per kind of record (人员, 户, 场所, 部件设施, 组织) with
// filters, masked columns revealed one record at a time (audited), import, export of what the filters show,
// and registration.
import { DownloadOutlined, EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Input, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage, requestReauth, withQuery } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { display, type KindInfo, type RecordView, useDashboard, useKinds, useRecords } from './grid-data-api';
import { ImportModal } from './ImportModal';
import { RecordForm } from './RecordForm';

function RevealButton({ kind, id }: { kind: string; id: number }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  return (
    <Button
      size="small"
      icon={<EyeOutlined />}
      data-testid={`reveal-${id}`}
      onClick={async () => {
        try {
          const v = await api<Record<string, string | null>>(`/api/grid-data/${kind}/${id}/reveal`);
          modal.info({
            title: t('完整信息（本次查看已记入审计）'),
            content: (
              <div>
                {Object.entries(v).map(([k, x]) => (
                  <div key={k}>
                    {t({ idNumber: '身份证号', phone: '联系电话', room: '房号' }[k] ?? k)}：{x ?? '—'}
                  </div>
                ))}
              </div>
            ),
          });
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      {t('查看')}
    </Button>
  );
}

function KindTab({
  kind,
  tags,
  grids,
  orgId,
}: {
  kind: KindInfo;
  tags: string[];
  grids: { gridId: number; name: string }[];
  orgId: number;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>();
  const [tag, setTag] = useState<string>();
  const [gridId, setGridId] = useState<number>();
  const [duplicate, setDuplicate] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const query = {
    q: q || undefined,
    category,
    tag,
    orgId: gridId,
    duplicate: duplicate || undefined,
    overdue: overdue || undefined,
    limit: 20,
    offset: (page - 1) * 20,
  };
  const { data, isLoading } = useRecords(kind.path, query);
  const categoryField = kind.fields.find((f) => f.type === 'enum' && f.key !== 'gender');
  const shown = kind.fields.filter(
    (f) => !['gender', 'unit', 'building', 'householdCode', 'lat', 'lng', 'units', 'floors'].includes(f.key),
  );
  const masked = kind.fields.some((f) => f.masked);
  const { limit: _l, offset: _o, ...filters } = query;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          placeholder={t(kind.kind === 'person' ? '姓名前缀，或完整身份证号、电话' : '名称前缀或编码')}
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 280 }}
          data-testid="griddata-search"
        />
        <Select
          allowClear
          placeholder={t('网格')}
          style={{ width: 160 }}
          value={gridId}
          onChange={setGridId}
          options={grids.map((g) => ({ value: g.gridId, label: g.name }))}
        />
        {categoryField && (
          <Select
            allowClear
            placeholder={t(categoryField.label)}
            style={{ width: 140 }}
            value={category}
            onChange={setCategory}
            options={(categoryField.options ?? []).map((o) => ({ value: o, label: t(o) }))}
          />
        )}
        {kind.kind === 'person' && (
          <>
            <Select
              allowClear
              placeholder={t('特殊人群标签')}
              style={{ width: 160 }}
              value={tag}
              onChange={setTag}
              options={tags.map((o) => ({ value: o, label: t(o) }))}
            />
            <Checkbox checked={duplicate} onChange={(e) => setDuplicate(e.target.checked)}>
              {t('多网格重复登记')}
            </Checkbox>
          </>
        )}
        {kind.kind === 'thing' && (
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t('巡检已逾期')}
          </Checkbox>
        )}
        <Button
          icon={<DownloadOutlined />}
          onClick={async () => {
            // a bulk export of personal data needs the password again (issue 18)
            if (await requestReauth()) window.location.href = withQuery(`/api/grid-data/${kind.path}/export`, filters);
          }}
        >
          {t('导出')}
        </Button>
        {can('griddata.manage') && (
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="griddata-import">
              {t('导入')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('登记')}
            </Button>
          </>
        )}
      </Space>
      <Table<RecordView>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('共 {{n}} 条', { n }),
        }}
        columns={[
          ...shown.map((f) => ({
            title: t(f.label),
            key: f.key,
            render: (_: unknown, r: RecordView) =>
              f.key === 'name' || f.key === 'headName' ? (
                <Link to={`/grid-data/${kind.path}/${r.id}`}>{r.name}</Link>
              ) : f.type === 'tags' ? (
                (r.fields[f.key] as string[]).map((x) => <Tag key={x}>{t(x)}</Tag>)
              ) : f.key === 'nextInspection' && r.overdue ? (
                <Tag color="red">{display(r.fields[f.key])}</Tag>
              ) : (
                display(r.fields[f.key])
              ),
          })),
          { title: t('网格'), key: 'grid', render: (_: unknown, r: RecordView) => r.gridName },
          {
            title: '',
            key: 'flags',
            render: (_: unknown, r: RecordView) => (
              <Space>
                {r.duplicate && <Tag color="orange">{t('重复登记')}</Tag>}
                {masked && can('griddata.reveal') && <RevealButton kind={kind.path} id={r.id} />}
              </Space>
            ),
          },
        ]}
      />
      <ImportModal kind={kind} orgId={orgId} open={importing} onClose={() => setImporting(false)} />
      {creating && (
        <RecordForm kind={kind} tags={tags} grids={grids} open={creating} onClose={() => setCreating(false)} />
      )}
    </Space>
  );
}

export default function GridDataPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const kinds = useKinds();
  const dash = useDashboard();
  const orgId = me?.org?.id as number;
  const d = dash.data;
  const tags = (kinds.data?.tags ?? []).map((x) => x.name);
  const grids = (d?.grids ?? []).map((g) => ({ gridId: g.gridId, name: g.name }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Row gutter={[12, 12]}>
        {[
          ['人员', d?.people],
          ['户', d?.households],
          ['场所', d?.places],
          ['部件设施', d?.things],
          ['巡检逾期', d?.overdue],
          ['重复登记', d?.duplicates],
        ].map(([label, n]) => (
          <Col key={label as string} xs={12} md={4}>
            <Card size="small">
              <Statistic title={t(label as string)} value={(n as number | undefined) ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {d && (
        <Card size="small" title={t('特殊人群与人口类型')}>
          <Space wrap>
            {Object.entries(d.byResidence).map(([k, n]) => (
              <Tag color="blue" key={k}>
                {t(k)} {n}
              </Tag>
            ))}
            {Object.entries(d.byTag).map(([k, n]) => (
              <Tag key={k}>
                {t(k)} {n}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <Card>
        <Tabs
          items={(kinds.data?.kinds ?? []).map((k) => ({
            key: k.path,
            label: t(k.label),
            children: <KindTab kind={k} tags={tags} grids={grids} orgId={orgId} />,
          }))}
        />
      </Card>
    </Space>
  );
}
