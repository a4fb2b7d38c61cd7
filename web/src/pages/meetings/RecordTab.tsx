// 会议记录: who came (unit by unit), and per agenda item what was said, what was decided (each decision with its
// tasks), and for a case on the agenda the dispatch the meeting decided.
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api';
import { TaskTable } from '../../components/TaskTable';
import { DecisionForm } from './DecisionForm';
import { type Meeting, type MeetingItem, useMeetingChange } from './meeting-api';
import { ATTENDANCE_OPTIONS, ChangeError, ItemHeading } from './meeting-labels';

interface Mark {
  status?: 'present' | 'absent' | 'substitute';
  attendee?: string;
  note?: string;
}

function Attendance({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const editable = meeting.allowedActions.includes('recordAttendance');
  const change = useMeetingChange(meeting);
  const recorded = useMemo(
    () =>
      Object.fromEntries(
        meeting.attendance.map((a) => [
          a.orgId,
          { status: a.status, attendee: a.attendee ?? '', note: a.note ?? '' } as Mark,
        ]),
      ) as Record<number, Mark>,
    [meeting.attendance],
  );
  const [marks, setMarks] = useState<Record<number, Mark>>(recorded);
  useEffect(() => setMarks(recorded), [recorded]);
  const set = (orgId: number, patch: Mark) => setMarks((m) => ({ ...m, [orgId]: { ...m[orgId], ...patch } }));
  const s = meeting.attendanceSummary;
  const save = () =>
    change.mutate({
      method: 'PUT',
      path: '/attendance',
      body: {
        entries: meeting.members
          .filter((m) => marks[m.id]?.status)
          .map((m) => ({
            orgId: m.id,
            status: marks[m.id]?.status,
            attendee: marks[m.id]?.attendee || null,
            note: marks[m.id]?.note || null,
          })),
      },
    });
  return (
    <Card
      size="small"
      title={t('出席情况')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap>
          <Typography.Text type="secondary" data-testid="attendance-summary">
            {t('应到 {{m}} 个单位：出席 {{p}}，委托出席 {{s}}，缺席 {{a}}，未登记 {{u}}', {
              m: s.members,
              p: s.present,
              s: s.substitute,
              a: s.absent,
              u: s.unrecorded,
            })}
          </Typography.Text>
          {s.members > 0 && s.unrecorded === 0 && (
            <Tag color={s.quorate ? 'green' : 'red'}>{s.quorate ? t('超过半数') : t('未过半数')}</Tag>
          )}
          {editable && (
            <>
              <Button
                size="small"
                onClick={() =>
                  setMarks((m) =>
                    Object.fromEntries(
                      meeting.members.map((u): [number, Mark] => [
                        u.id,
                        m[u.id]?.status ? (m[u.id] as Mark) : { status: 'present' },
                      ]),
                    ),
                  )
                }
                data-testid="all-present"
              >
                {t('其余单位均出席')}
              </Button>
              <Button
                size="small"
                type="primary"
                loading={change.isPending}
                onClick={save}
                data-testid="save-attendance"
              >
                {t('保存出席情况')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <ChangeError error={change.error} />
      <Table
        rowKey="id"
        size="small"
        dataSource={meeting.members}
        pagination={meeting.members.length > 15 ? { pageSize: 15, size: 'small' } : false}
        data-testid="attendance"
        columns={[
          { title: t('成员单位'), dataIndex: 'name', key: 'name' },
          {
            title: t('出席情况'),
            key: 'status',
            render: (_, m) =>
              editable ? (
                <Radio.Group
                  size="small"
                  value={marks[m.id]?.status}
                  onChange={(e) => set(m.id, { status: e.target.value })}
                  options={ATTENDANCE_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))}
                  optionType="button"
                />
              ) : (
                (meeting.attendance.find((a) => a.orgId === m.id)?.statusLabel ?? t('未登记'))
              ),
          },
          {
            title: t('出席人员 / 说明'),
            key: 'who',
            render: (_, m) => {
              const mark = marks[m.id];
              if (!editable) return mark?.attendee || mark?.note || '';
              if (mark?.status === 'substitute') {
                return (
                  <Input
                    size="small"
                    value={mark.attendee}
                    placeholder={t('代为出席人员姓名、职务')}
                    onChange={(e) => set(m.id, { attendee: e.target.value })}
                  />
                );
              }
              return (
                <Input
                  size="small"
                  value={mark?.status === 'absent' ? mark.note : mark?.attendee}
                  placeholder={mark?.status === 'absent' ? t('缺席原因') : t('出席人员（可选）')}
                  onChange={(e) =>
                    set(m.id, mark?.status === 'absent' ? { note: e.target.value } : { attendee: e.target.value })
                  }
                />
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function Discussion({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation();
  const change = useMeetingChange(meeting);
  const [text, setText] = useState(item.discussion);
  useEffect(() => setText(item.discussion), [item.discussion]);
  if (!meeting.allowedActions.includes('recordDiscussion')) {
    return item.discussion ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.discussion}</Typography.Paragraph>
    ) : null;
  }
  return (
    <div style={{ marginBottom: 8 }}>
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('讨论情况：各单位汇报、意见和分歧')}
        maxLength={10000}
        data-testid="discussion"
      />
      <Space style={{ marginTop: 4 }}>
        <Button
          size="small"
          disabled={text === item.discussion}
          loading={change.isPending}
          onClick={() => change.mutate({ method: 'PUT', path: `/items/${item.id}`, body: { discussion: text } })}
          data-testid="save-discussion"
        >
          {t('保存讨论记录')}
        </Button>
        {change.error && <Typography.Text type="danger">{errorMessage(change.error)}</Typography.Text>}
      </Space>
    </div>
  );
}

function Dispatch({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation();
  const change = useMeetingChange(meeting);
  const units = meeting.members.map((m) => ({ value: m.id, label: m.name }));
  const c = item.case;
  if (item.dispatch) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 8 }}
        title={`${t('会议已派遣')}：${t('主办')} ${item.dispatch.leadOrg.name}${
          item.dispatch.assistingOrgs.length
            ? `，${t('协办')} ${item.dispatch.assistingOrgs.map((o) => o.name).join('、')}`
            : ''
        }`}
      />
    );
  }
  if (!c || !meeting.allowedActions.includes('dispatchCase')) return null;
  if (!c.canDispatch) {
    return (
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('案件当前状态不能由本单位派遣（由 {{owner}} 负责）；会议决定可通过交办任务落实。', {
          owner: c.ownerOrgName ?? '—',
        })}
      </Typography.Paragraph>
    );
  }
  return (
    <Card size="small" type="inner" title={t('会议派遣')} style={{ marginBottom: 8 }} data-testid="dispatch-form">
      <ChangeError error={change.error} />
      <Form
        layout="vertical"
        initialValues={{ leadOrgId: c.proposedLead?.id }}
        onFinish={(v: { leadOrgId: number; assistingOrgIds?: number[]; note?: string }) =>
          change.mutate({
            method: 'POST',
            path: `/items/${item.id}/dispatch`,
            body: {
              caseVersion: c.version,
              leadOrgId: v.leadOrgId,
              assistingOrgIds: v.assistingOrgIds ?? [],
              note: v.note,
            },
          })
        }
      >
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 12 }}>
          <Form.Item name="leadOrgId" label={t('主办单位')} rules={[{ required: true, message: t('请选择主办单位') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={units} data-testid="dispatch-lead" />
          </Form.Item>
          <Form.Item name="assistingOrgIds" label={t('协办单位')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('派遣意见')}>
          <Input placeholder={t('默认为“{{title}}决定派遣”', { title: meeting.title })} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" icon={<SendOutlined />} loading={change.isPending} data-testid="dispatch-submit">
          {t('按会议决定派遣')}
        </Button>
      </Form>
    </Card>
  );
}

function ItemRecord({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  const canDecide = meeting.allowedActions.includes('recordDecision');
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="record-item"
      title={<ItemHeading item={item} />}
      extra={
        item.case ? (
          <Link to={`/cases/${item.case.id}`}>
            {item.case.number} · {t('查看案件')}
          </Link>
        ) : null
      }
    >
      {item.reason && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('推荐理由')}：{item.reason}
        </Typography.Paragraph>
      )}
      {item.followUp.length > 0 && (
        <div style={{ marginBottom: 8 }} data-testid="follow-up">
          <Typography.Text type="secondary">{t('前次决定交办的任务（实时状态）')}</Typography.Text>
          <TaskTable tasks={item.followUp} showSource={false} />
        </div>
      )}
      <Discussion meeting={meeting} item={item} />
      <Dispatch meeting={meeting} item={item} />
      {item.decisions.map((d, i) => (
        <div key={d.id} style={{ marginBottom: 8 }} data-testid="decision">
          <Typography.Text strong>
            {t('决定事项')} {i + 1}：
          </Typography.Text>
          {d.text}
          <TaskTable tasks={d.tasks} showSource={false} />
        </div>
      ))}
      {canDecide &&
        (deciding ? (
          <DecisionForm meeting={meeting} item={item} onDone={() => setDeciding(false)} />
        ) : (
          <Button icon={<EditOutlined />} onClick={() => setDeciding(true)} data-testid="new-decision">
            {t('记录决定事项')}
          </Button>
        ))}
    </Card>
  );
}

export default function RecordTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <>
      {meeting.state === 'draft' && meeting.canManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('会议召开后（点击右上角“会议已召开”）可记录讨论情况、决定事项和会议派遣；出席情况可提前登记。')}
        />
      )}
      <Attendance meeting={meeting} />
      {meeting.items.length === 0 ? (
        <Empty description={t('议程为空')} />
      ) : (
        meeting.items.map((item) => <ItemRecord key={item.id} meeting={meeting} item={item} />)
      )}
    </>
  );
}
