// 积分超市: the village's items with point prices and stock (add, restock, take off the shelf), redemption at
// the counter (the server refuses what the balance or the stock cannot cover), and the redemptions — those
// made on the phone wait here until the household collects them.
import { PlusOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { type HouseholdView, type ItemView, type RedemptionView, useVillageId } from './points-api';

function ItemModal({
  villageId,
  item,
  onClose,
}: {
  villageId: number;
  item: ItemView | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { name: string; price: number; stock: number; description?: string; active?: boolean }) =>
      item === 'new'
        ? api(`/api/points/villages/${villageId}/items`, { method: 'POST', body: v })
        : api(`/api/points/items/${item?.id}`, { method: 'PATCH', body: { ...v, version: item?.version } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={!!item}
      title={item === 'new' ? t('上架商品') : t('修改商品')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        layout="vertical"
        initialValues={item && item !== 'new' ? item : { stock: 10, active: true }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('商品名称')} rules={[{ required: true, message: t('请填写商品名称') }]}>
          <Input maxLength={100} data-testid="item-name" />
        </Form.Item>
        <Form.Item name="description" label={t('说明')}>
          <Input maxLength={500} />
        </Form.Item>
        <Space>
          <Form.Item name="price" label={t('所需积分')} rules={[{ required: true, message: t('请填写所需积分') }]}>
            <InputNumber min={1} max={100000} data-testid="item-price" />
          </Form.Item>
          <Form.Item name="stock" label={t('库存')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000000} data-testid="item-stock" />
          </Form.Item>
          <Form.Item name="active" label={t('上架')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="item-save">
          {t('保存')}
        </Button>
      </Form>
    </Modal>
  );
}

function CounterRedemption({ villageId, items }: { villageId: number; items: ItemView[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [householdId, setHouseholdId] = useState<number>();
  const [itemId, setItemId] = useState<number>();
  const [quantity, setQuantity] = useState(1);
  const households = useQuery({
    queryKey: ['points', 'households', villageId, 'pick', q],
    queryFn: () => api<{ items: HouseholdView[] }>('/api/points/households', { query: { villageId, q, pageSize: 30 } }),
  });
  const redeem = useMutation({
    mutationFn: () =>
      api<{ balance: number }>('/api/points/redemptions', { method: 'POST', body: { householdId, itemId, quantity } }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      message.success(t('兑换成功，该户余额 {{balance}} 分', { balance: r.balance }));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space wrap>
      <Select
        showSearch
        filterOption={false}
        onSearch={setQ}
        placeholder={t('搜索户主或门牌号')}
        style={{ width: 240 }}
        value={householdId}
        onChange={setHouseholdId}
        data-testid="redeem-household"
        options={(households.data?.items ?? []).map((h) => ({
          value: h.id,
          label: `${h.doorNo} ${h.headName}（${h.balance} ${t('分')}）`,
        }))}
      />
      <Select
        placeholder={t('选择商品')}
        style={{ width: 220 }}
        value={itemId}
        onChange={setItemId}
        data-testid="redeem-item"
        options={items
          .filter((i) => i.active)
          .map((i) => ({ value: i.id, label: `${i.name}（${i.price} ${t('分')}，${t('库存')} ${i.stock}）` }))}
      />
      <InputNumber min={1} max={99} value={quantity} onChange={(v) => setQuantity(v ?? 1)} />
      <Button
        type="primary"
        icon={<ShoppingCartOutlined />}
        disabled={!householdId || !itemId}
        loading={redeem.isPending}
        onClick={() => redeem.mutate()}
        data-testid="redeem-submit"
      >
        {t('兑换')}
      </Button>
    </Space>
  );
}

export default function ShopPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [villageId] = useVillageId();
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const items = useQuery({
    queryKey: ['points', 'items', villageId],
    queryFn: () => api<{ items: ItemView[] }>(`/api/points/villages/${villageId}/items`),
    enabled: villageId !== undefined,
  });
  const redemptions = useQuery({
    queryKey: ['points', 'redemptions', villageId],
    queryFn: () => api<{ items: RedemptionView[] }>('/api/points/redemptions', { query: { villageId } }),
    enabled: villageId !== undefined,
  });
  const handOver = useMutation({
    mutationFn: (id: number) => api(`/api/points/redemptions/${id}/hand-over`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['points'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      api(`/api/points/redemptions/${id}/cancel`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      message.success(t('已取消兑换，积分已退还'));
      void qc.invalidateQueries({ queryKey: ['points'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (villageId === undefined) return null;
  const manage = can('points.manage');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={t('商品')}
        size="small"
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-new">
              {t('上架商品')}
            </Button>
          )
        }
      >
        <Table<ItemView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items.data?.items ?? []}
          data-testid="item-table"
          columns={[
            { title: t('商品'), dataIndex: 'name' },
            { title: t('所需积分'), dataIndex: 'price', align: 'right' },
            {
              title: t('库存'),
              dataIndex: 'stock',
              align: 'right',
              render: (s: number) => (s === 0 ? <Tag color="red">{t('缺货')}</Tag> : s),
            },
            {
              title: t('状态'),
              dataIndex: 'active',
              render: (a: boolean) => (a ? <Tag color="green">{t('上架')}</Tag> : <Tag>{t('下架')}</Tag>),
            },
            ...(manage
              ? [
                  {
                    title: '',
                    width: 80,
                    render: (_: unknown, i: ItemView) => (
                      <Button size="small" type="link" onClick={() => setEditing(i)}>
                        {t('修改')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {manage && (
        <Card title={t('柜台兑换')} size="small">
          <CounterRedemption villageId={villageId} items={items.data?.items ?? []} />
        </Card>
      )}
      <Card title={t('兑换记录')} size="small">
        <Table<RedemptionView>
          rowKey="id"
          size="small"
          dataSource={redemptions.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          data-testid="redemption-table"
          columns={[
            { title: t('时间'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: t('农户'), render: (_: unknown, r) => `${r.household.doorNo} ${r.household.headName}` },
            { title: t('商品'), render: (_: unknown, r) => `${r.item.name} × ${r.quantity}` },
            { title: t('积分'), dataIndex: 'points', align: 'right' },
            {
              title: t('方式'),
              dataIndex: 'channel',
              render: (c: string) => (c === 'phone' ? t('手机兑换') : t('柜台兑换')),
            },
            {
              title: t('领取'),
              render: (_: unknown, r) =>
                r.cancelledAt ? (
                  <Tag title={r.cancelReason ?? undefined}>{t('已取消')}</Tag>
                ) : r.handedOverAt ? (
                  <Tag>{t('已领取')}</Tag>
                ) : manage ? (
                  <Space size={4}>
                    <Button size="small" onClick={() => handOver.mutate(r.id)} data-testid="hand-over">
                      {t('确认领取')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid="cancel-redemption"
                      onClick={() => {
                        let reason = '';
                        modal.confirm({
                          title: t('取消兑换'),
                          content: (
                            <Input.TextArea
                              rows={2}
                              maxLength={500}
                              placeholder={t('取消原因（农户可见）')}
                              onChange={(e) => {
                                reason = e.target.value;
                              }}
                              data-testid="cancel-reason"
                            />
                          ),
                          onOk: () => cancel.mutateAsync({ id: r.id, reason }),
                        });
                      }}
                    >
                      {t('取消')}
                    </Button>
                  </Space>
                ) : (
                  <Tag color="orange">{t('待领取')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <ItemModal villageId={villageId} item={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}
