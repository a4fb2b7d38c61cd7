// 大党委: each community's part-time members from the units in its area (驻区单位), their posts and terms, the
// expired ones marked; adding one names the unit (an organisation, or its name) and the term.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { type CommitteeMemberView, TERM_STATUS, termOf, usePartyOrgs } from './party-api';

export default function CommitteePage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const villages = usePartyOrgs({ level: 'village_committee' });
  const [villageId, setVillageId] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['party', 'committees', villageId ?? null],
    queryFn: () => api<{ items: CommitteeMemberView[] }>('/api/party/committees', { query: { villageId } }),
  });
  const add = useMutation({
    mutationFn: (v: { villageId: number; unitName: string; personName: string; post: string; term: [Dayjs, Dayjs] }) =>
      api(`/api/party/committees/${v.villageId}/members`, {
        method: 'POST',
        body: {
          unitName: v.unitName,
          personName: v.personName,
          post: v.post,
          ...termOf(v.term),
        },
      }),
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['party', 'committees'] });
    },
  });
  const villageOptions = (villages.data?.items ?? []).map((z) => ({
    value: z.village?.id as number,
    label: z.village?.name,
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="party-committee">
      <Space wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('全部村（社区）')}
          style={{ width: 220 }}
          value={villageId}
          onChange={setVillageId}
          options={villageOptions}
        />
        {can('party.manage') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新增兼职委员')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('社区'), render: (_: unknown, r: CommitteeMemberView) => r.village.name },
          { title: t('驻区单位'), dataIndex: 'unitName' },
          { title: t('姓名'), dataIndex: 'personName' },
          { title: t('职务'), dataIndex: 'post' },
          { title: t('任期'), render: (_: unknown, r: CommitteeMemberView) => `${r.termStart} ~ ${r.termEnd}` },
          {
            title: t('状态'),
            render: (_: unknown, r: CommitteeMemberView) => (
              <Tag color={TERM_STATUS[r.status]?.color}>{t(TERM_STATUS[r.status]?.label ?? r.status)}</Tag>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('新增大党委兼职委员')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: add.isPending }}
        destroyOnHidden
      >
        {add.error && <Alert type="error" showIcon title={errorMessage(add.error)} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ villageId, post: '兼职委员' }}
          onFinish={(v) => add.mutate(v)}
        >
          <Form.Item name="villageId" label={t('社区')} rules={[{ required: true, message: t('请选择社区') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={villageOptions} />
          </Form.Item>
          <Form.Item name="unitName" label={t('驻区单位')} rules={[{ required: true, message: t('请填写驻区单位') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="personName" label={t('姓名')} rules={[{ required: true, message: t('请填写姓名') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="post" label={t('职务')} rules={[{ required: true, message: t('请填写职务') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="term" label={t('任期')} rules={[{ required: true, message: t('请选择任期') }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
