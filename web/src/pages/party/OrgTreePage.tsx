// 组织体系: the town's party organisation as a tree (党(工)委 → 党总支 → 网格党支部 → 楼院党小组 → 党员中心户); the
// chosen organisation's place, duties, members and history beside it, with the actions the user may take.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Tree,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { MemberModal } from './MemberModal';
import { PartyOrgModal, type PartyOrgModalMode } from './PartyOrgModal';
import {
  LEVEL_COLOURS,
  LEVEL_LABELS,
  type PartyMemberView,
  type PartyOrgDetail,
  type PartyOrgView,
  usePartyOrgs,
} from './party-api';

interface TreeNode {
  key: number;
  title: React.ReactNode;
  children: TreeNode[];
}

function buildTree(items: PartyOrgView[], t: (s: string) => string): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const o of items) {
    nodes.set(o.id, {
      key: o.id,
      title: (
        <span>
          <Tag color={LEVEL_COLOURS[o.level]} bordered={false} style={{ marginInlineEnd: 4 }}>
            {t(LEVEL_LABELS[o.level]).replace(/（.*）/, '')}
          </Tag>
          {o.name}
          {o.memberCount > 0 && (
            <span style={{ color: '#999' }}>
              {' '}
              · {o.memberCount}
              {t('人')}
            </span>
          )}
        </span>
      ),
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const o of items) {
    const node = nodes.get(o.id) as TreeNode;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export default function OrgTreePage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const committees = usePartyOrgs({ level: 'town_committee' });
  const [townId, setTownId] = useState<number | undefined>();
  const town = townId ?? committees.data?.items[0]?.town.id;
  const orgs = usePartyOrgs({ townId: town }, !!town);
  const [selected, setSelected] = useState<number | undefined>();
  const [modal, setModal] = useState<PartyOrgModalMode | null>(null);
  const [memberModal, setMemberModal] = useState<{ member?: PartyMemberView } | null>(null);
  const tree = useMemo(() => buildTree(orgs.data?.items ?? [], t), [orgs.data, t]);
  const detail = useQuery({
    queryKey: ['party', 'org', selected],
    queryFn: () => api<PartyOrgDetail>(`/api/party/orgs/${selected}`),
    enabled: !!selected,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['party'] });
  };
  const dissolve = useMutation({
    mutationFn: (o: PartyOrgDetail) =>
      api(`/api/party/orgs/${o.id}/dissolve`, { method: 'POST', body: { version: o.version } }),
    onSuccess: () => {
      setSelected(undefined);
      refresh();
    },
  });
  const d = detail.data;
  const canManage = can('party.manage');
  return (
    <Row gutter={12} data-testid="party-tree">
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={
            <Select
              style={{ minWidth: 220 }}
              value={town}
              onChange={(v) => {
                setTownId(v);
                setSelected(undefined);
              }}
              options={(committees.data?.items ?? []).map((c) => ({ value: c.town.id, label: c.name }))}
              data-testid="party-town"
            />
          }
        >
          {orgs.error && <Alert type="error" showIcon title={errorMessage(orgs.error)} />}
          {tree.length ? (
            <Tree
              treeData={tree}
              defaultExpandedKeys={tree.flatMap((n) => [n.key, ...n.children.slice(0, 1).map((c) => c.key)])}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] as number | undefined)}
              style={{ maxHeight: 640, overflow: 'auto' }}
            />
          ) : (
            <Empty description={t('暂无党组织')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {d ? (
          <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="party-org-detail">
            <Card
              size="small"
              title={
                <span>
                  <Tag color={LEVEL_COLOURS[d.level]}>{t(LEVEL_LABELS[d.level])}</Tag>
                  {d.name}
                </span>
              }
              extra={
                canManage && (
                  <Space>
                    {d.level !== 'member_household' && (
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => setModal({ kind: 'child', parent: d })}
                      >
                        {t('新建下级')}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setModal({ kind: 'edit', org: d })}>
                      {t('编辑')}
                    </Button>
                    <Popconfirm title={t('撤销该党组织？')} onConfirm={() => dissolve.mutate(d)}>
                      <Button size="small" danger>
                        {t('撤销')}
                      </Button>
                    </Popconfirm>
                  </Space>
                )
              }
            >
              {dissolve.error && (
                <Alert type="error" showIcon title={errorMessage(dissolve.error)} style={{ marginBottom: 8 }} />
              )}
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('所在')}>
                  {[d.town.name, d.village?.name, d.grid?.name].filter(Boolean).join(' · ')}
                </Descriptions.Item>
                <Descriptions.Item label={t('上级')}>{d.parent?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={d.level === 'building_group' ? t('组长') : t('书记')}>
                  {d.secretary?.name ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('办公电话')}>{d.officePhone ?? '—'}</Descriptions.Item>
                {d.compound && <Descriptions.Item label={t('小区')}>{d.compound}</Descriptions.Item>}
                {d.buildings.length > 0 && (
                  <Descriptions.Item label={t('联系楼栋')}>{d.buildings.join('、')}</Descriptions.Item>
                )}
                {d.household && <Descriptions.Item label={t('中心户本户')}>{d.household.name}</Descriptions.Item>}
                {d.linkedHouseholds.length > 0 && (
                  <Descriptions.Item label={t('联系住户')}>
                    {d.linkedHouseholds.map((h) => h.name).join('、')}
                  </Descriptions.Item>
                )}
                {d.duties && (
                  <Descriptions.Item label={t('职责')} span={2}>
                    {d.duties}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card
              size="small"
              title={`${t('党员')}（${d.members.length}）`}
              extra={
                canManage && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setMemberModal({})}
                    data-testid="add-member"
                  >
                    {t('新增党员')}
                  </Button>
                )
              }
            >
              <Table
                size="small"
                rowKey="id"
                dataSource={d.members}
                pagination={false}
                columns={[
                  { title: t('姓名'), dataIndex: 'name' },
                  { title: t('职务'), dataIndex: 'duty', render: (v: string) => t(v) },
                  { title: t('入党日期'), dataIndex: 'joinedOn' },
                  { title: t('联系电话'), dataIndex: 'phone' },
                  {
                    title: t('在职党员'),
                    render: (_: unknown, m: PartyMemberView) =>
                      m.inService ? <Tag color="blue">{m.workUnit}</Tag> : null,
                  },
                  {
                    title: '',
                    render: (_: unknown, m: PartyMemberView) =>
                      canManage && (
                        <Button size="small" type="link" onClick={() => setMemberModal({ member: m })}>
                          {t('编辑')}
                        </Button>
                      ),
                  },
                ]}
              />
            </Card>
            {d.history.length > 0 && (
              <Card size="small" title={t('变更记录')}>
                <Timeline
                  items={d.history.map((h) => ({
                    content: (
                      <span>
                        {t(h.label)} · {dayjs(h.at).format('YYYY-MM-DD HH:mm')} ·{' '}
                        {[h.actor.orgName, h.actor.userName].filter(Boolean).join(' · ')}
                      </span>
                    ),
                  }))}
                />
              </Card>
            )}
          </Space>
        ) : (
          <Card size="small">
            <Empty description={t('在左侧选择一个党组织')} />
          </Card>
        )}
      </Col>
      {modal && (
        <PartyOrgModal
          mode={modal}
          onClose={() => setModal(null)}
          onDone={(id) => {
            setModal(null);
            setSelected(id);
            refresh();
          }}
        />
      )}
      {memberModal && d && (
        <MemberModal
          partyOrgId={d.id}
          member={memberModal.member}
          onClose={() => setMemberModal(null)}
          onDone={() => {
            setMemberModal(null);
            refresh();
          }}
        />
      )}
    </Row>
  );
}
