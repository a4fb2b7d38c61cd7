// 议程: the agenda as it stands (reorder, remove) and, for the organiser while it may change, the candidates the
// data proposes — each with why — to pick, plus items added by hand. Every change is sent whole (PUT) with the
// meeting's version; the server takes a candidate's title and reason from its own proposal.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, List, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';
import { type Meeting, useMeetingChange, useProposals } from './meeting-api';
import { ChangeError, ITEM_KIND_COLOURS, ItemHeading } from './meeting-labels';

type Entry = { id: number } | { key: string } | { title: string; description?: string };

export default function AgendaTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const editable = meeting.allowedActions.includes('setAgenda');
  const change = useMeetingChange(meeting);
  const proposals = useProposals(meeting.id, editable);
  const [form] = Form.useForm<{ title: string; description?: string }>();
  const [reason, setReason] = useState<string | null>(null);
  const candidates = (proposals.data?.candidates ?? []).filter((c) => !reason || c.reasons.includes(reason as never));
  const kept: Entry[] = meeting.items.map((i) => ({ id: i.id }));
  const send = (items: Entry[]) => change.mutate({ method: 'PUT', path: '/agenda', body: { items } });
  const move = (index: number, by: number) => {
    const next = [...kept];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    send(next);
  };
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={editable ? 12 : 24}>
        <Card size="small" title={t('本次议程（{{n}} 项）', { n: meeting.items.length })} data-testid="agenda">
          <ChangeError error={change.error} testId="agenda-error" />
          <List
            dataSource={meeting.items}
            locale={{ emptyText: <Empty description={t('尚未安排议题：从右侧推荐议题中选取，或添加其他议题')} /> }}
            renderItem={(item, index) => (
              <List.Item
                data-testid="agenda-item"
                actions={
                  editable
                    ? [
                        <Button
                          key="up"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                          aria-label={t('上移')}
                        />,
                        <Button
                          key="down"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={index === meeting.items.length - 1}
                          onClick={() => move(index, 1)}
                          aria-label={t('下移')}
                        />,
                        <Tooltip
                          key="remove"
                          title={item.decisions.length || item.dispatch ? t('已有决定事项，不能删除') : ''}
                        >
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={item.decisions.length > 0 || !!item.dispatch}
                            onClick={() => send(kept.filter((_, i) => i !== index))}
                            aria-label={t('移出议程')}
                          />
                        </Tooltip>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<ItemHeading item={item} />}
                  description={
                    <>
                      {item.reason && (
                        <div>
                          {t('推荐理由')}：{item.reason}
                        </div>
                      )}
                      {item.description && <div>{item.description}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {editable && (
            <Form
              form={form}
              layout="inline"
              style={{ marginTop: 12, rowGap: 8 }}
              onFinish={(v) => {
                send([...kept, { title: v.title, description: v.description ?? '' }]);
                form.resetFields();
              }}
            >
              <Form.Item
                name="title"
                rules={[{ required: true, message: t('请填写议题') }]}
                style={{ flex: 1, minWidth: 220 }}
              >
                <Input
                  placeholder={t('其他议题（如：年终考核工作安排）')}
                  maxLength={200}
                  data-testid="free-item-title"
                />
              </Form.Item>
              <Form.Item name="description" style={{ flex: 1, minWidth: 180 }}>
                <Input placeholder={t('说明（可选）')} maxLength={2000} />
              </Form.Item>
              <Button htmlType="submit" icon={<PlusOutlined />} loading={change.isPending} data-testid="add-free-item">
                {t('添加议题')}
              </Button>
            </Form>
          )}
        </Card>
      </Col>
      {editable && (
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('推荐议题')}
            extra={
              <Button
                size="small"
                icon={<ReloadOutlined />}
                onClick={() => void proposals.refetch()}
                loading={proposals.isFetching}
              >
                {t('刷新')}
              </Button>
            }
            data-testid="proposals"
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t(
                '根据{{org}}辖区内的数据推荐：前次会议未落实的决定事项、挂牌督办或升级至县级督办的案件、三个以上单位协同办理的案件、重办两次以上的案件、本月热点问题、逾期任务。',
                { org: proposals.data?.organiser.name ?? meeting.organiser.name },
              )}
            </Typography.Paragraph>
            {proposals.error && <Alert type="error" showIcon title={errorMessage(proposals.error)} />}
            <Space wrap style={{ marginBottom: 8 }}>
              {(proposals.data?.counts ?? [])
                .filter((c) => c.count > 0)
                .map((c) => (
                  <Tag.CheckableTag
                    key={c.kind}
                    checked={reason === c.kind}
                    onChange={(on) => setReason(on ? c.kind : null)}
                    data-testid="proposal-filter"
                  >
                    {t(c.label)} {c.count}
                  </Tag.CheckableTag>
                ))}
            </Space>
            <List
              loading={proposals.isLoading}
              dataSource={candidates}
              pagination={candidates.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
              locale={{ emptyText: <Empty description={t('暂无符合条件的推荐议题')} /> }}
              renderItem={(c) => (
                <List.Item
                  data-testid="proposal"
                  actions={[
                    <Button
                      key="pick"
                      size="small"
                      type={c.onAgenda ? 'default' : 'primary'}
                      disabled={c.onAgenda}
                      loading={change.isPending}
                      onClick={() => send([...kept, { key: c.key }])}
                      data-testid="pick-proposal"
                    >
                      {c.onAgenda ? t('已列入') : t('列入议程')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag color={ITEM_KIND_COLOURS[c.itemKind]}>{t(kindText(c.itemKind))}</Tag>
                        {c.caseId ? (
                          <a href={`/cases/${c.caseId}`} target="_blank" rel="noreferrer">
                            {c.title}
                          </a>
                        ) : (
                          <span>{c.title}</span>
                        )}
                      </Space>
                    }
                    description={<span data-testid="proposal-reason">{c.reason}</span>}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}

const KIND_TEXT: Record<string, string> = {
  case: '案件',
  decision: '前次决定事项',
  hotspot: '热点问题',
  task: '逾期任务',
  dispute: '矛盾纠纷',
};

function kindText(kind: string): string {
  return KIND_TEXT[kind] ?? kind;
}
