// 服务记录: the advisers' service log in the user's reach, by month and kind; one entry opens in a drawer
// with its content, documents, history, the asker masked (查看完整信息 reveals it, audited) and 作废 for the firm.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Input, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { useSystemNow } from '../../layout/HeaderClock';
import {
  type EntryDetail,
  type EntryView,
  KIND_COLOURS,
  KIND_LABELS,
  type LegalEntryKind,
  useLegalEntries,
} from './legal-api';

export function EntryDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [asker, setAsker] = useState<{ askerName: string | null; askerPhone: string | null } | null>(null);
  const entry = useQuery({
    queryKey: ['legal', 'entry', id],
    queryFn: () => api<EntryDetail>(`/api/legal/entries/${id}`),
    enabled: id !== null,
  });
  const e = entry.data;
  const reveal = async () => {
    try {
      setAsker(await api(`/api/legal/entries/${id}/asker`));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const voidIt = () => {
    let reason = '';
    modal.confirm({
      title: t('作废服务记录'),
      content: <Input.TextArea placeholder={t('作废原因')} onChange={(ev) => (reason = ev.target.value)} />,
      onOk: async () => {
        await api(`/api/legal/entries/${id}/void`, { method: 'POST', body: { version: e?.version, reason } });
        await qc.invalidateQueries({ queryKey: ['legal'] });
      },
    });
  };
  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setAsker(null);
        onClose();
      }}
      size={560}
      title={e ? `${t(KIND_LABELS[e.kind])} · ${e.village.name} · ${e.occurredOn}` : ''}
      extra={
        e && !e.voided && can('legal.record') ? (
          <Button danger onClick={voidIt}>
            {t('作废')}
          </Button>
        ) : null
      }
    >
      {entry.error && <Alert type="error" showIcon title={errorMessage(entry.error)} />}
      {e && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="legal-entry">
          {e.voided && <Alert type="warning" showIcon title={`${t('已作废')}：${e.voidReason ?? ''}`} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('法律顾问')}>{`${e.adviser.name}（${e.firm.name}）`}</Descriptions.Item>
            <Descriptions.Item label={t('服务时长')}>{`${e.hours} ${t('小时')}`}</Descriptions.Item>
            {e.place && <Descriptions.Item label={t('地点')}>{e.place}</Descriptions.Item>}
            {e.kind === 'consultation' && (
              <Descriptions.Item label={t('咨询人')}>
                <Space>
                  <span data-testid="legal-asker">
                    {asker
                      ? `${asker.askerName ?? ''} ${asker.askerPhone ?? ''}`
                      : `${e.askerName ?? '—'} ${e.askerPhone ?? ''}`}
                  </span>
                  {!asker && e.askerName && (
                    <Button size="small" onClick={reveal} data-testid="legal-reveal">
                      {t('查看完整信息')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
            )}
            {e.matter && <Descriptions.Item label={t('事项')}>{e.matter}</Descriptions.Item>}
            {e.advice && <Descriptions.Item label={t('法律意见')}>{e.advice}</Descriptions.Item>}
            {e.topic && (
              <Descriptions.Item
                label={t('讲座主题')}
              >{`${e.topic}（${e.audience ?? 0} ${t('人')}）`}</Descriptions.Item>
            )}
            {e.documentTitle && <Descriptions.Item label={t('审核文件')}>{e.documentTitle}</Descriptions.Item>}
            {e.opinion && <Descriptions.Item label={t('审核意见')}>{e.opinion}</Descriptions.Item>}
            {e.dispute && (
              <Descriptions.Item label={t('矛盾纠纷')}>
                <Link to={`/disputes/${e.dispute.id}`}>{`${e.dispute.number} ${e.dispute.title}`}</Link>
              </Descriptions.Item>
            )}
            {e.attachmentIds.length > 0 && (
              <Descriptions.Item label={t('附件')}>
                <Space orientation="vertical">
                  {e.attachmentIds.map((a, i) => (
                    <a key={a} href={`/api/attachments/${a}`} target="_blank" rel="noreferrer">
                      {`${t('附件')} ${i + 1}`}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('记录人')}>{e.recordedBy ?? ''}</Descriptions.Item>
          </Descriptions>
          <Timeline
            items={e.history.map((h) => ({
              content: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(h.label)} ${h.actor.userName ?? ''}（${h.actor.orgName ?? ''}）`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}

export function EntryTable({
  items,
  loading,
  onOpen,
}: {
  items: EntryView[];
  loading?: boolean;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<EntryView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      data-testid="legal-entries"
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer', opacity: r.voided ? 0.5 : 1 } })}
      columns={[
        { title: t('日期'), dataIndex: 'occurredOn', width: 110 },
        {
          title: t('类型'),
          width: 100,
          render: (_, r) => <Tag color={KIND_COLOURS[r.kind]}>{t(KIND_LABELS[r.kind])}</Tag>,
        },
        { title: t('村（社区）'), render: (_, r) => r.village.name },
        { title: t('法律顾问'), render: (_, r) => r.adviser.name },
        {
          title: t('内容'),
          ellipsis: true,
          render: (_, r) => r.matter ?? r.topic ?? r.documentTitle ?? r.dispute?.title ?? '',
        },
        { title: t('时长'), dataIndex: 'hours', align: 'right', width: 70 },
      ]}
    />
  );
}

export default function EntriesPage() {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  const [month, setMonth] = useState<dayjs.Dayjs | null>(null);
  const [params] = useSearchParams();
  const [kind, setKind] = useState<LegalEntryKind | undefined>((params.get('kind') as LegalEntryKind) ?? undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const villageId = Number(params.get('villageId')) || undefined;
  const m = (month ?? now).format('YYYY-MM');
  const entries = useLegalEntries({ month: m, kind, villageId, page, pageSize: 20 });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <DatePicker picker="month" value={month ?? now} onChange={setMonth} allowClear={false} />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部类型')}
          value={kind}
          onChange={setKind}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
        />
      </Space>
      {entries.error && <Alert type="error" showIcon title={errorMessage(entries.error)} />}
      <EntryTable items={entries.data?.items ?? []} loading={entries.isLoading} onOpen={setOpen} />
      <Space>
        <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('上一页')}
        </Button>
        <span>{t('共 {{n}} 条', { n: entries.data?.total ?? 0 })}</span>
        <Button disabled={page * 20 >= (entries.data?.total ?? 0)} onClick={() => setPage(page + 1)}>
          {t('下一页')}
        </Button>
      </Space>
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

/** The advisers' entries about one dispute, for the dispute's page. */
export function DisputeLegalEntries({ disputeId }: { disputeId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<number | null>(null);
  const entries = useLegalEntries({ disputeId, pageSize: 50 }, can('legal.read'));
  const items = entries.data?.items ?? [];
  if (!items.length) return null;
  return (
    <div data-testid="dispute-legal-entries">
      <h4>{t('法律顾问参与')}</h4>
      <EntryTable items={items} onOpen={setOpen} />
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
