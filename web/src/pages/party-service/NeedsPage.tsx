// 服务需求 for staff: the communities' needs (微心愿, 服务项目, 志愿活动) with who claimed them, hours and ratings; the
// community publishes a need; a registered unit's staff see the needs of their communities and claim them.
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api';
import { useCan } from '../../auth';
import { CommunityField, FormModal } from './FormModal';
import { NEED_KIND_LABELS, NEED_KINDS, NEED_STATES, type NeedDetail, starText, useNeeds } from './party-service-api';

function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <FormModal<NeedDetail>
      open={open}
      title={t('发布需求')}
      url="/api/party/service/needs"
      onClose={onClose}
      onSaved={(need) => navigate(`/party-service/needs/${need.id}`)}
      transform={(v) => ({ ...v, dueOn: (v.dueOn as dayjs.Dayjs).format('YYYY-MM-DD') })}
      initialValues={{ kind: 'wish' }}
      okTestId="need-submit"
    >
      {() => (
        <>
          <CommunityField />
          <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]}>
            <Select options={NEED_KINDS.map((k) => ({ value: k.value, label: t(k.label) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('需求')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="need-title" />
          </Form.Item>
          <Form.Item name="description" label={t('说明')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="beneficiary" label={t('服务对象')} extra={t('只有社区和认领人可见')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('完成期限')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function NeedsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [state, setState] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [publishing, setPublishing] = useState(false);
  const needs = useNeeds({ state, kind });
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('状态')}
          style={{ width: 120 }}
          value={state}
          onChange={setState}
          options={Object.entries(NEED_STATES).map(([value, s]) => ({ value, label: t(s.label) }))}
        />
        <Select
          allowClear
          placeholder={t('类型')}
          style={{ width: 120 }}
          value={kind}
          onChange={setKind}
          options={NEED_KINDS.map((k) => ({ value: k.value, label: t(k.label) }))}
        />
        {can('partyservice.manage') && (
          <Button type="primary" onClick={() => setPublishing(true)} data-testid="publish-need">
            {t('发布需求')}
          </Button>
        )}
      </Space>
      {needs.error && <Alert type="error" showIcon title={errorMessage(needs.error)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={needs.isLoading}
        dataSource={needs.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="needs-table"
        columns={[
          {
            title: t('需求'),
            dataIndex: 'title',
            render: (title: string, n) => (
              <Link to={`/party-service/needs/${n.id}`}>
                <Tag>{t(NEED_KIND_LABELS[n.kind] ?? n.kind)}</Tag>
                {title}
              </Link>
            ),
          },
          { title: t('社区'), dataIndex: 'villageName', width: 120 },
          { title: t('完成期限'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('状态'),
            dataIndex: 'state',
            width: 90,
            render: (s: string) => <Tag color={NEED_STATES[s]?.color}>{t(NEED_STATES[s]?.label ?? s)}</Tag>,
          },
          {
            title: t('认领人'),
            key: 'claimer',
            render: (_: unknown, n) =>
              n.claimer ? (
                <span>
                  {n.claimer.name}
                  <Typography.Text type="secondary"> · {n.claimer.unitName}</Typography.Text>
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('服务时长'),
            dataIndex: 'hours',
            width: 90,
            render: (h: number | null) => (h === null ? '—' : `${h} ${t('小时')}`),
          },
          {
            title: t('评价'),
            dataIndex: 'rating',
            width: 110,
            render: (r: number | null) => <span style={{ color: '#d48806' }}>{starText(r)}</span>,
          },
        ]}
      />
      <PublishModal open={publishing} onClose={() => setPublishing(false)} />
    </div>
  );
}
