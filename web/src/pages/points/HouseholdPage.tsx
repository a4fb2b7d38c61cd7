// One household: its facts (phone and address masked; 查看完整信息 is audited), its balance, 加分 / 扣分 with
// evidence, and its ledger — each entry with the running balance, its evidence, corrections and objections;
// a mistaken entry is put right by 更正 (a counter-entry), never edited.
import { ArrowLeftOutlined, EyeOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { AwardModal } from './AwardModal';
import { EvidenceThumbs } from './EvidenceThumbs';
import { HouseholdModal } from './HouseholdModal';
import { type EntryView, type HouseholdView, KIND_COLORS, signed, useVillageOverview } from './points-api';

function CorrectButton({ entry }: { entry: EntryView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const correct = useMutation({
    mutationFn: () => api(`/api/points/entries/${entry.id}/correct`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      setOpen(false);
      message.success(t('已追加更正记录'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (entry.points + entry.corrected === 0) return null;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="entry-correct">
        {t('更正')}
      </Button>
      <Modal
        open={open}
        title={t('更正积分记录')}
        onCancel={() => setOpen(false)}
        onOk={() => correct.mutate()}
        confirmLoading={correct.isPending}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Typography.Paragraph>
          {t('将追加一条 {{points}} 分的反向记录，原记录保留。', { points: signed(-(entry.points + entry.corrected)) })}
        </Typography.Paragraph>
        <Input.TextArea
          rows={2}
          placeholder={t('更正原因')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

export default function HouseholdPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { search } = useLocation();
  const can = useCan();
  const { message } = App.useApp();
  const [awarding, setAwarding] = useState<'award' | 'deduct' | null>(null);
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<{ phone: string | null; address: string | null } | null>(null);
  const data = useQuery({
    queryKey: ['points', 'ledger', id],
    queryFn: () => api<{ household: HouseholdView; entries: EntryView[] }>(`/api/points/households/${id}/ledger`),
  });
  const household = data.data?.household;
  const overview = useVillageOverview(household?.village.id);
  const reveal = useMutation({
    mutationFn: () => api<{ phone: string | null; address: string | null }>(`/api/points/households/${id}/pii`),
    onSuccess: setRevealed,
    onError: (e) => message.error(errorMessage(e)),
  });
  if (data.error) return <Alert type="error" showIcon title={errorMessage(data.error)} />;
  if (!household) return <Card loading />;
  const manage = can('points.manage');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Link to={{ pathname: '/points', search }}>
        <ArrowLeftOutlined /> {t('返回农户名单')}
      </Link>
      <Card>
        <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Descriptions
            title={
              <span data-testid="household-title">
                {household.doorNo} · {household.headName}
              </span>
            }
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { label: t('村社区'), children: household.village.name },
              { label: t('网格'), children: household.grid?.name ?? '—' },
              { label: t('家庭人口'), children: household.members },
              { label: t('户主手机'), children: revealed ? (revealed.phone ?? '—') : (household.phone ?? '—') },
              { label: t('地址'), children: revealed ? (revealed.address ?? '—') : (household.address ?? '—') },
              {
                label: t('状态'),
                children: (
                  <Space size={4} wrap>
                    {household.active ? <Tag>{t('在册')}</Tag> : <Tag>{t('已停用')}</Tag>}
                    {household.linkedCitizen && <Tag color="blue">{t('已开通手机端')}</Tag>}
                    {household.overdueDebt && (
                      <Tag color="red">
                        {t('逾期欠款')}：{household.overdueDebtNote}
                      </Tag>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Statistic
            title={t('积分余额')}
            value={household.balance}
            suffix={t('分')}
            styles={{ content: { color: '#b7282e' } }}
            data-testid="ledger-balance"
          />
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          {manage && (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAwarding('award')}
                data-testid="award-open"
              >
                {t('加分')}
              </Button>
              <Button danger icon={<MinusOutlined />} onClick={() => setAwarding('deduct')} data-testid="deduct-open">
                {t('扣分')}
              </Button>
              <Button onClick={() => setEditing(true)}>{t('修改农户')}</Button>
            </>
          )}
          {can('pii.view') && !revealed && (household.phone || household.address) && (
            <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
              {t('查看完整信息（记入审计）')}
            </Button>
          )}
        </Space>
      </Card>
      <Card title={t('积分明细')} size="small">
        <Table<EntryView>
          rowKey="id"
          size="small"
          dataSource={data.data?.entries ?? []}
          pagination={{ pageSize: 20 }}
          data-testid="ledger-table"
          columns={[
            { title: t('发生日期'), dataIndex: 'occurredOn', width: 110 },
            {
              title: t('类型'),
              dataIndex: 'kindLabel',
              width: 70,
              render: (label: string, e) => <Tag color={KIND_COLORS[e.kind]}>{t(label)}</Tag>,
            },
            {
              title: t('事项'),
              render: (_: unknown, e) => (
                <div>
                  <div>
                    {e.rule?.name ?? e.note}
                    {e.quantity && e.quantity > 1 ? ` × ${e.quantity}` : ''}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[
                      e.rule ? e.note : '',
                      e.activity,
                      e.caseId ? `${t('案件')} #${e.caseId}` : '',
                      e.attachmentIds.length ? `${t('照片')} ${e.attachmentIds.length} ${t('张')}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                  <div>
                    <EvidenceThumbs ids={e.attachmentIds} />
                  </div>
                </div>
              ),
            },
            {
              title: t('分值'),
              dataIndex: 'points',
              align: 'right',
              width: 90,
              render: (p: number, e) => (
                <span style={{ color: p > 0 ? '#389e0d' : p < 0 ? '#cf1322' : undefined }} data-testid="entry-points">
                  {signed(p)}
                  {e.nominalPoints !== e.points && e.kind === 'deduct' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      ({t('应扣')} {-e.nominalPoints})
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            { title: t('余额'), dataIndex: 'balanceAfter', align: 'right', width: 70 },
            {
              title: t('经办'),
              width: 150,
              render: (_: unknown, e) => (
                <Typography.Text style={{ fontSize: 12 }}>
                  {e.givenBy ?? '—'}
                  {e.approvedBy ? ` / ${t('审批')} ${e.approvedBy}` : ''}
                </Typography.Text>
              ),
            },
            {
              title: t('更正与申诉'),
              width: 170,
              render: (_: unknown, e) => (
                <Space size={4} wrap>
                  {e.corrected !== 0 && (
                    <Tag color="blue">
                      {t('已更正')} {signed(e.corrected)}
                    </Tag>
                  )}
                  {e.objection && (
                    <Tag color={e.objection.state === 'open' ? 'orange' : 'default'}>{t(e.objection.stateLabel)}</Tag>
                  )}
                  {manage && (e.kind === 'award' || e.kind === 'deduct') && <CorrectButton entry={e} />}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {awarding && (
        <AwardModal
          household={household}
          rules={overview.data?.rules ?? []}
          mode={awarding}
          open
          onClose={() => setAwarding(null)}
          onDone={(m) => message.success(m)}
        />
      )}
      <HouseholdModal
        villageId={household.village.id}
        household={household}
        open={editing}
        onClose={() => setEditing(false)}
      />
    </Space>
  );
}
