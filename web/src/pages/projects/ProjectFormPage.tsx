// 申报突破项目: the year, the owner unit (the user's own by default), the name and goal, indicators with their
// baseline and target values, and milestones with due dates — each milestone becomes a task of its owner unit.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import type { Project } from './project-api';

interface Values {
  year: number;
  ownerOrgId?: number;
  name: string;
  goal: string;
  indicators?: { name: string; unit: string; baseline: number; target: number }[];
  milestones?: { title: string; dueDate: Dayjs; ownerOrgId?: number }[];
}

export default function ProjectFormPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const now = useSystemNow() ?? dayjs();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const year = Form.useWatch('year', form) ?? now.year();
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<Project>('/api/projects', {
        method: 'POST',
        body: {
          year: v.year,
          ...(v.ownerOrgId ? { ownerOrgId: Number(v.ownerOrgId) } : {}),
          name: v.name,
          goal: v.goal,
          indicators: v.indicators ?? [],
          milestones: (v.milestones ?? []).map((m) => ({
            title: m.title,
            dueDate: m.dueDate.format('YYYY-MM-DD'),
            ownerOrgId: m.ownerOrgId ? Number(m.ownerOrgId) : null,
          })),
        },
      }),
    onSuccess: (project) => {
      void qc.invalidateQueries({ queryKey: ['projects'] });
      navigate(`/projects/${project.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const ownKind = me.org?.kind;
  return (
    <>
      <PageTitle title={t('申报突破项目')} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          year: Number(params.get('year') ?? now.year()),
          ownerOrgId:
            ownKind === 'department' || ownKind === 'town' || ownKind === 'office' ? Number(me.org?.id) : undefined,
          indicators: [{}],
          milestones: [{}],
        }}
        onFinish={(v) => {
          setError(null);
          create.mutate(v);
        }}
      >
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="project-form-error" />
        )}
        <Card title={t('项目信息')} style={{ marginBottom: 16 }}>
          <Space wrap size="large">
            <Form.Item name="year" label={t('项目年度')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={[now.year() - 1, now.year(), now.year() + 1].map((y) => ({ value: y, label: y }))}
              />
            </Form.Item>
            <Form.Item
              name="ownerOrgId"
              label={t('责任单位')}
              rules={[{ required: true, message: t('请选择责任单位（县级部门或镇街）') }]}
              style={{ width: 320 }}
            >
              <UnitSelect testId="project-owner" />
            </Form.Item>
          </Space>
          <Form.Item name="name" label={t('项目名称')} rules={[{ required: true, message: t('请填写项目名称') }]}>
            <Input maxLength={80} data-testid="project-name" />
          </Form.Item>
          <Form.Item name="goal" label={t('项目目标')} rules={[{ required: true, message: t('请填写项目目标') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="project-goal" />
          </Form.Item>
        </Card>
        <Card title={t('考核指标')} style={{ marginBottom: 16 }}>
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('请填写指标名称') }]}>
                      <Input placeholder={t('指标名称')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} rules={[{ required: true, message: t('请填写计量单位') }]}>
                      <Input placeholder={t('计量单位')} maxLength={10} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'baseline']} rules={[{ required: true, message: t('请填写基线值') }]}>
                      <InputNumber placeholder={t('基线值')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'target']} rules={[{ required: true, message: t('请填写目标值') }]}>
                      <InputNumber placeholder={t('目标值')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('增加指标')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title={t('里程碑')} style={{ marginBottom: 16 }}>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, message: t('请填写里程碑名称') }]}
                    >
                      <Input placeholder={t('里程碑')} maxLength={100} style={{ width: 280 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      rules={[{ required: true, message: t('请选择完成日期') }]}
                    >
                      <DatePicker
                        placeholder={t('完成日期')}
                        disabledDate={(d) => d.year() !== year || d.isBefore(now, 'day')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'ownerOrgId']} style={{ width: 240 }}>
                      <UnitSelect placeholder={t('责任单位（默认为项目责任单位）')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('增加里程碑')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="project-submit">
            {t('提交')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('取消')}</Button>
        </Space>
      </Form>
    </>
  );
}
