// 审批与申诉: awards and deductions from the village's threshold on wait here for a second person (the town),
// and households' objections to deductions wait for review; each decision needs a note where it says no.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { EvidenceThumbs } from './EvidenceThumbs';
import { type ObjectionView, type RequestView, signed, useVillageId } from './points-api';

type Decision = { kind: 'request'; id: number; approve: boolean } | { kind: 'objection'; id: number; uphold: boolean };

function DecisionModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (d: Decision) =>
      d.kind === 'request'
        ? api(`/api/points/requests/${d.id}/decide`, { method: 'POST', body: { approve: d.approve, note } })
        : api(`/api/points/objections/${d.id}/decide`, { method: 'POST', body: { uphold: d.uphold, note } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      setNote('');
      onClose();
      message.success(t('已处理'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const title = !decision
    ? ''
    : decision.kind === 'request'
      ? decision.approve
        ? t('审批通过')
        : t('审批不通过')
      : decision.uphold
        ? t('申诉成立（退回扣分）')
        : t('维持原判');
  const needsNote = decision && !(decision.kind === 'request' && decision.approve);
  return (
    <Modal
      open={!!decision}
      title={title}
      onCancel={onClose}
      onOk={() => decision && decide.mutate(decision)}
      okButtonProps={{ disabled: !!needsNote && !note.trim(), 'data-testid': 'decision-submit' }}
      confirmLoading={decide.isPending}
    >
      <Input.TextArea
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={needsNote ? t('请写明理由或复核意见') : t('审批意见（可选）')}
        data-testid="decision-note"
      />
    </Modal>
  );
}

/** A queue of things waiting for a decision: each with its two decisions for those who may take them. */
function DecisionQueue<T extends { id: number }>({
  title,
  testId,
  items,
  empty,
  approver,
  choices,
  describe,
}: {
  title: string;
  testId: string;
  items: T[];
  empty: string;
  approver: boolean;
  choices: { label: string; primary?: boolean; testId?: string; decide: (item: T) => Decision }[];
  describe: (item: T) => { title: ReactNode; description: ReactNode };
}) {
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <Card title={title} size="small" data-testid={`${testId}s-card`}>
      <List<T>
        dataSource={items}
        locale={{ emptyText: <Empty description={empty} /> }}
        renderItem={(item) => (
          <List.Item
            data-testid={`${testId}-item`}
            actions={
              approver
                ? choices.map((c) => (
                    <Button
                      key={c.label}
                      type={c.primary ? 'primary' : 'default'}
                      size="small"
                      onClick={() => setDecision(c.decide(item))}
                      data-testid={c.testId}
                    >
                      {c.label}
                    </Button>
                  ))
                : []
            }
          >
            <List.Item.Meta {...describe(item)} />
          </List.Item>
        )}
      />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} />
    </Card>
  );
}

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [villageId] = useVillageId();
  const requests = useQuery({
    queryKey: ['points', 'requests', villageId],
    queryFn: () => api<{ items: RequestView[] }>('/api/points/requests', { query: { villageId } }),
    enabled: villageId !== undefined,
  });
  const objections = useQuery({
    queryKey: ['points', 'objections', villageId],
    queryFn: () => api<{ items: ObjectionView[] }>('/api/points/objections', { query: { villageId } }),
    enabled: villageId !== undefined,
  });
  const approver = can('points.approve');
  const who = (h: { doorNo: string; headName: string }) => `${h.doorNo} · ${h.headName}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {!approver && (
        <Alert type="info" showIcon title={t('达到审批阈值的加减分和农户申诉由镇街审核，本页仅供查看进度。')} />
      )}
      {requests.error && <Alert type="error" title={errorMessage(requests.error)} />}
      <DecisionQueue<RequestView>
        title={t('待审批的加减分')}
        testId="request"
        items={requests.data?.items ?? []}
        empty={t('没有待审批的加减分')}
        approver={approver}
        choices={[
          {
            label: t('通过'),
            primary: true,
            testId: 'request-approve',
            decide: (r) => ({ kind: 'request', id: r.id, approve: true }),
          },
          { label: t('不通过'), decide: (r) => ({ kind: 'request', id: r.id, approve: false }) },
        ]}
        describe={(r) => ({
          title: (
            <Space wrap>
              <span>{who(r.household)}</span>
              <Tag color={r.points > 0 ? 'green' : 'red'}>
                {r.rule.name} {signed(r.points)}
              </Tag>
            </Space>
          ),
          description: (
            <>
              {[
                r.occurredOn,
                r.activity,
                r.note,
                r.attachmentIds.length ? `${t('照片')} ${r.attachmentIds.length} ${t('张')}` : '',
                `${t('录入')}：${r.givenBy ?? '—'}`,
              ]
                .filter(Boolean)
                .join(' · ')}
              <div>
                <EvidenceThumbs ids={r.attachmentIds} />
              </div>
            </>
          ),
        })}
      />
      <DecisionQueue<ObjectionView>
        title={t('农户申诉')}
        testId="objection"
        items={objections.data?.items ?? []}
        empty={t('没有待复核的申诉')}
        approver={approver}
        choices={[
          { label: t('申诉成立'), primary: true, decide: (o) => ({ kind: 'objection', id: o.id, uphold: true }) },
          { label: t('维持原判'), decide: (o) => ({ kind: 'objection', id: o.id, uphold: false }) },
        ]}
        describe={(o) => ({
          title: (
            <Space wrap>
              <span>{who(o.household)}</span>
              <Tag color="red">
                {o.entry.ruleName} {signed(o.entry.nominalPoints)}
              </Tag>
              <Typography.Text type="secondary">{o.entry.occurredOn}</Typography.Text>
            </Space>
          ),
          description: `${t('申诉理由')}：${o.reason}`,
        })}
      />
    </Space>
  );
}
