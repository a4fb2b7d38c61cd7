// 成立 / 编辑工作专班: name and task of the team, the county leader at its head, its period, the member units each
// with a contact person, and the people of the team. Forming it opens this week's report of every member unit.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import { useLeaders, useWorkTeam, type WorkTeam } from './work-team-api';

interface Values {
  name: string;
  topic?: string;
  leadUserId: number;
  period: [Dayjs, Dayjs];
  units: { orgId: number; contactName: string; contactPhone?: string }[];
  members?: { name: string; orgId: number; role: string; phone?: string }[];
}

const ROLES = ['组长', '副组长', '成员', '联络员'];

function TeamForm({ team }: { team?: WorkTeam }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const leaders = useLeaders();
  const now = useSystemNow() ?? dayjs();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        topic: v.topic ?? '',
        leadUserId: v.leadUserId,
        startDate: v.period[0].format('YYYY-MM-DD'),
        endDate: v.period[1].format('YYYY-MM-DD'),
        units: v.units.map((u) => ({ ...u, orgId: Number(u.orgId) })),
        members: (v.members ?? []).map((m) => ({ ...m, orgId: Number(m.orgId) })),
      };
      return team
        ? api<WorkTeam>(`/api/work-teams/${team.id}`, { method: 'PUT', body: { ...body, version: team.version } })
        : api<WorkTeam>('/api/work-teams', { method: 'POST', body });
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['work-teams'] });
      navigate(`/work-teams/${saved.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={
        team
          ? {
              name: team.name,
              topic: team.topic,
              leadUserId: team.lead.id,
              period: [dayjs(team.startDate), dayjs(team.endDate)],
              units: team.units.map((u) => ({
                orgId: u.org.id,
                contactName: u.contactName,
                contactPhone: u.contactPhone ?? undefined,
              })),
              members: team.members.map((m) => ({
                name: m.name,
                orgId: m.org.id,
                role: m.role,
                phone: m.phone ?? undefined,
              })),
            }
          : { units: [{}], members: [], period: [now, now.add(6, 'month')] }
      }
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="team-form-error" />
      )}
      <Card title={t('专班信息')} style={{ marginBottom: 16 }}>
        <Form.Item name="name" label={t('专班名称')} rules={[{ required: true, message: t('请填写专班名称') }]}>
          <Input maxLength={60} placeholder={t('如：信访积案化解专班')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="topic" label={t('工作任务')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item
            name="leadUserId"
            label={t('专班组长（县领导）')}
            rules={[{ required: true, message: t('请选择专班组长') }]}
          >
            <Select
              style={{ width: 260 }}
              loading={leaders.isLoading}
              options={(leaders.data?.items ?? []).map((u) => ({ value: Number(u.id), label: u.displayName }))}
              data-testid="team-lead"
            />
          </Form.Item>
          <Form.Item name="period" label={t('运行期限')} rules={[{ required: true, message: t('请选择运行期限') }]}>
            <DatePicker.RangePicker data-testid="team-period" />
          </Form.Item>
        </Space>
      </Card>
      <Card title={t('成员单位及联络人')} style={{ marginBottom: 16 }}>
        <Form.List name="units">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'orgId']}
                    rules={[{ required: true, message: t('请选择单位') }]}
                    style={{ width: 320 }}
                  >
                    <UnitSelect testId={`team-unit-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'contactName']}
                    rules={[{ required: true, message: t('请填写联络人') }]}
                  >
                    <Input placeholder={t('联络人')} maxLength={30} data-testid={`team-contact-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'contactPhone']}>
                    <Input placeholder={t('联系电话')} maxLength={30} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-team-unit">
                {t('增加成员单位')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title={t('专班成员')} style={{ marginBottom: 16 }}>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('请填写姓名') }]}>
                    <Input placeholder={t('姓名')} maxLength={30} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'orgId']}
                    rules={[{ required: true, message: t('请选择单位') }]}
                    tooltip={t('牵头单位或成员单位')}
                    style={{ width: 240 }}
                  >
                    <UnitSelect placeholder={t('所在单位')} testId={`team-member-unit-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('请填写职务') }]}>
                    <AutoComplete
                      placeholder={t('职务')}
                      options={ROLES.map((r) => ({ value: r, label: t(r) }))}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']}>
                    <Input placeholder={t('联系电话')} maxLength={30} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: '成员' })}>
                {t('增加成员')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="team-submit">
          {team ? t('保存') : t('成立专班')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('取消')}</Button>
      </Space>
    </Form>
  );
}

export default function WorkTeamFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const team = useWorkTeam(id);
  if (id && team.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  if (id && !team.data) return <Alert type="error" showIcon title={errorMessage(team.error)} />;
  return (
    <>
      <PageTitle title={id ? t('编辑工作专班') : t('成立工作专班')} />
      <TeamForm team={team.data} />
    </>
  );
}
