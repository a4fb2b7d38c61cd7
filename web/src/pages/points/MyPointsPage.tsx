// 我的积分 on the phone: the household's balance, its ledger (an objection to a deduction within the days the
// village allows), its credit-household titles, the village's 积分超市 (redeem, collect at the village) and
// its redemptions. A citizen whose phone is not a registered head of household is told whom to ask.
import { GiftOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Segmented, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { EvidenceThumbs } from './EvidenceThumbs';
import { type EntryView, type ItemView, type MyPointsView, signed } from './points-api';

function ObjectionForm({ entry, onDone }: { entry: EntryView; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const object = useMutation({
    mutationFn: () => api(`/api/my/points/entries/${entry.id}/objection`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)} data-testid="objection-open">
        {t('申诉')}
      </Button>
    );
  }
  return (
    <div style={{ marginTop: 8 }} data-testid="objection-form">
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={1000}
        placeholder={t('请写明申诉理由')}
        data-testid="objection-reason"
      />
      {object.error && <div className="gz-m-field-error">{errorMessage(object.error)}</div>}
      <Button
        type="primary"
        block
        style={{ marginTop: 8 }}
        loading={object.isPending}
        disabled={!reason.trim()}
        onClick={() => object.mutate()}
        data-testid="objection-submit"
      >
        {t('提交申诉')}
      </Button>
    </div>
  );
}

function EntryRow({ e, onChanged }: { e: EntryView; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="gz-m-list-item" data-testid="my-entry">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div>
          <div style={{ fontWeight: 500 }}>
            {e.rule?.name ?? e.note}
            {e.quantity && e.quantity > 1 ? ` × ${e.quantity}` : ''}
          </div>
          <div className="gz-m-muted" style={{ fontSize: 12 }}>
            {e.occurredOn} · {t(e.kindLabel)}
            {e.givenBy ? ` · ${e.givenBy}` : ''}
          </div>
        </div>
        <div style={{ textAlign: 'right' }}>
          <div
            style={{
              fontSize: 18,
              fontWeight: 600,
              color: e.points > 0 ? '#389e0d' : e.points < 0 ? '#cf1322' : '#8c8c8c',
            }}
            data-testid="my-entry-points"
          >
            {signed(e.points)}
          </div>
          <div className="gz-m-muted" style={{ fontSize: 12 }}>
            {t('余额')} {e.balanceAfter}
          </div>
        </div>
      </div>
      <EvidenceThumbs ids={e.attachmentIds} size={48} />
      {e.corrected !== 0 && (
        <Tag color="blue" style={{ marginTop: 6 }}>
          {t('已更正')} {signed(e.corrected)}
        </Tag>
      )}
      {e.objection && (
        <div style={{ marginTop: 6 }}>
          <Tag color={e.objection.state === 'open' ? 'orange' : e.objection.state === 'upheld' ? 'green' : 'default'}>
            {t(e.objection.stateLabel)}
          </Tag>
          {e.objection.decisionNote && (
            <span className="gz-m-muted" style={{ fontSize: 12 }}>
              {e.objection.decisionNote}
            </span>
          )}
        </div>
      )}
      {e.canObject && (
        <div style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
            {t('可申诉至 {{date}}', { date: dayjs(e.objectionDeadline).subtract(1, 'minute').format('MM-DD') })}
          </Typography.Text>
          <ObjectionForm entry={e} onDone={onChanged} />
        </div>
      )}
    </div>
  );
}

/** 取消兑换 of an item not yet collected: the points come back at once. */
function CancelRedemption({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const cancel = useMutation({
    mutationFn: () => api<{ balance: number }>(`/api/my/points/redemptions/${id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      message.success(t('已取消兑换，积分已退还。余额 {{balance}} 分', { balance: r.balance }));
      onDone();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Button
      size="small"
      type="link"
      data-testid="my-cancel-redemption"
      onClick={() =>
        modal.confirm({
          title: t('取消这次兑换？'),
          content: t('积分将退还到您家的账户。'),
          onOk: () => cancel.mutateAsync(),
        })
      }
    >
      {t('取消')}
    </Button>
  );
}

function ShopItem({ item, balance, onRedeemed }: { item: ItemView; balance: number; onRedeemed: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const redeem = useMutation({
    mutationFn: () =>
      api<{ balance: number }>('/api/my/points/redemptions', { method: 'POST', body: { itemId: item.id } }),
    onSuccess: (r) => {
      message.success(t('兑换成功，请到村委会领取。余额 {{balance}} 分', { balance: r.balance }));
      onRedeemed();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const affordable = balance >= item.price && item.stock > 0;
  return (
    <div
      className="gz-m-list-item"
      style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}
      data-testid="shop-item"
    >
      <div>
        <div style={{ fontWeight: 500 }}>{item.name}</div>
        <div className="gz-m-muted" style={{ fontSize: 12 }}>
          {item.price} {t('分')} · {t('库存')} {item.stock}
        </div>
      </div>
      <Button
        type="primary"
        size="small"
        disabled={!affordable}
        loading={redeem.isPending}
        data-testid="shop-redeem"
        onClick={() =>
          modal.confirm({
            title: t('兑换 {{name}}？', { name: item.name }),
            content: t('将扣除 {{price}} 分，兑换后到村委会领取。', { price: item.price }),
            okText: t('兑换'),
            onOk: () => redeem.mutate(),
          })
        }
      >
        {affordable ? t('兑换') : item.stock > 0 ? t('积分不足') : t('缺货')}
      </Button>
    </div>
  );
}

export default function MyPointsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [tab, setTab] = useState<'ledger' | 'shop'>('ledger');
  const { data, isLoading, error } = useQuery({
    queryKey: ['my-points'],
    queryFn: () => api<MyPointsView>('/api/my/points'),
    retry: false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['my-points'] });
  const noHousehold = error instanceof ApiError && error.code === 'POINTS_NO_HOUSEHOLD';
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-points-title">
          {t('我的积分')}
        </Typography.Title>
        {data && (
          <>
            <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
              {data.household.village.name} · {data.household.doorNo} · {data.household.headName}
              {t('户')}
            </div>
            <div
              style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.2, marginTop: 6 }}
              data-testid="my-points-balance"
            >
              {data.balance}
              <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 4 }}>{t('分')}</span>
            </div>
            {data.credit.map((c) => (
              <Tag key={c.year} color="gold" icon={<TrophyOutlined />} style={{ marginTop: 4 }}>
                {c.year} {t('年度诚信户')} {c.grade}
              </Tag>
            ))}
          </>
        )}
      </div>
      <div className="gz-m-page">
        {isLoading && <Skeleton active />}
        {noHousehold && (
          <div className="gz-m-card">
            <Empty description={t('您的手机号尚未登记为农户户主，请联系村委会登记后查看积分')} />
          </div>
        )}
        {error && !noHousehold && <Alert type="error" showIcon title={errorMessage(error)} />}
        {data && (
          <>
            <Segmented
              block
              value={tab}
              onChange={(v) => setTab(v as 'ledger' | 'shop')}
              options={[
                { value: 'ledger', label: t('积分明细') },
                {
                  value: 'shop',
                  label: (
                    <span data-testid="tab-shop">
                      <GiftOutlined /> {t('积分超市')}
                    </span>
                  ),
                },
              ]}
              style={{ marginBottom: 12 }}
            />
            {tab === 'ledger' && (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('对扣分有异议的，可在扣分后 {{days}} 天内申诉，由镇街复核。', { days: data.objectionDays })}
                </Typography.Paragraph>
                {data.entries.length === 0 && <Empty description={t('暂无积分记录')} />}
                {data.entries.map((e) => (
                  <EntryRow key={e.id} e={e} onChanged={refresh} />
                ))}
              </>
            )}
            {tab === 'shop' && (
              <>
                {data.items.length === 0 && <Empty description={t('积分超市暂无商品')} />}
                {data.items.map((item) => (
                  <ShopItem key={item.id} item={item} balance={data.balance} onRedeemed={refresh} />
                ))}
                {data.redemptions.length > 0 && (
                  <div className="gz-m-card" data-testid="my-redemptions">
                    <div className="gz-m-card-title">{t('我的兑换')}</div>
                    {data.redemptions.map((r) => (
                      <div key={r.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
                        <span>
                          {r.item.name} × {r.quantity}
                        </span>
                        <span>
                          {r.cancelledAt ? (
                            <Tag title={r.cancelReason ?? undefined}>{t('已取消')}</Tag>
                          ) : r.handedOverAt ? (
                            <Tag>{t('已领取')}</Tag>
                          ) : (
                            <>
                              <Tag color="orange">{t('待领取')}</Tag>
                              <CancelRedemption id={r.id} onDone={refresh} />
                            </>
                          )}
                        </span>
                      </div>
                    ))}
                  </div>
                )}
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
