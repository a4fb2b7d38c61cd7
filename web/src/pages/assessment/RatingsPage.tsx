// 基层考核上级部门: a town operator rates each county department it worked with this month (editable until the
// period closes); the county sees the results per department.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Rate,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { Question } from '../../api-types';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { usePeriods } from './RankingPage';

interface FormView {
  period: string;
  label: string;
  open: boolean;
  closed: boolean;
  started: boolean;
  questions: Question[];
  formula: string;
  departments: {
    departmentId: number;
    name: string;
    cases: number;
    submission: { answers: Record<string, number>; comment: string | null; score: number; updatedAt: string } | null;
  }[];
}

interface ResultsView {
  label: string;
  questions: Question[];
  formula: string;
  townRatingWeight: number;
  items: {
    departmentId: number;
    name: string;
    towns: number;
    score: number;
    perQuestion: Record<string, number>;
    submissions: { townName: string; score: number; comment: string | null; period: string }[];
  }[];
}

function DepartmentSheet({ view, dept }: { view: FormView; dept: FormView['departments'][number] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const { comment, ...answers } = values;
      return api<{ score: number }>('/api/assessment/ratings', {
        method: 'PUT',
        body: { period: view.period, departmentId: dept.departmentId, answers, comment: comment ?? null },
      });
    },
    onSuccess: (r) => {
      message.success(t('已提交，得分 {{score}}', { score: r.score }));
      void qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card
      size="small"
      title={dept.name}
      extra={
        <Space>
          <Tag>{t('本月协同案件 {{n}} 件', { n: dept.cases })}</Tag>
          {dept.submission ? (
            <Tag color="green">{t('已评 {{score}} 分', { score: dept.submission.score })}</Tag>
          ) : (
            <Tag color="orange">{t('未评')}</Tag>
          )}
        </Space>
      }
      style={{ marginBottom: 12 }}
      data-testid={`sheet-${dept.departmentId}`}
    >
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '360px' }}
        labelWrap
        disabled={!view.open}
        initialValues={{ ...(dept.submission?.answers ?? {}), comment: dept.submission?.comment ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        {view.questions.map((q) => (
          <Form.Item
            key={q.key}
            name={q.key}
            label={t(q.text)}
            rules={[{ required: true, message: t('请打分') }]}
            style={{ marginBottom: 8 }}
          >
            {q.scale === 'five' ? <Rate /> : <InputNumber min={0} max={100} addonAfter={t('分')} />}
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('意见建议')} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {dept.submission ? t('修改评价') : t('提交评价')}
        </Button>
      </Form>
    </Card>
  );
}

function TownForm({ period }: { period: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery({
    queryKey: ['assessment', 'form', period],
    queryFn: () => api<FormView>('/api/assessment/ratings/form', { query: { period } }),
  });
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return null;
  return (
    <div>
      <Alert
        type={data.open ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        message={
          data.closed
            ? t('{{label}}考核期已关闭，评价不能再修改。', { label: data.label })
            : data.started
              ? t('请对{{label}}与本镇街协同办理案件的县级部门逐一评价，考核期关闭前可修改。', { label: data.label })
              : t('该考核期尚未开始。')
        }
        description={data.formula}
      />
      {data.departments.length === 0 ? (
        <Card>{t('本月没有县级部门主办或协办本镇街的案件。')}</Card>
      ) : (
        data.departments.map((d) => <DepartmentSheet key={d.departmentId} view={data} dept={d} />)
      )}
    </div>
  );
}

function CountyResults({ period }: { period: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery({
    queryKey: ['assessment', 'results', period],
    queryFn: () => api<ResultsView>('/api/assessment/ratings/results', { query: { period } }),
  });
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return null;
  return (
    <Card size="small" title={t('{{label}}镇街对县级部门的评价', { label: data.label })}>
      <Typography.Paragraph type="secondary">
        {data.formula} {t('计入部门综合得分的权重：{{w}}%。', { w: data.townRatingWeight })}
      </Typography.Paragraph>
      <Table
        rowKey="departmentId"
        size="small"
        dataSource={data.items}
        pagination={false}
        columns={[
          { title: t('部门'), dataIndex: 'name' },
          { title: t('评价镇街数'), dataIndex: 'towns', width: 100 },
          { title: t('评价得分'), dataIndex: 'score', width: 100 },
          ...data.questions.map((q) => ({
            title: t(q.text.split('：')[0] ?? q.text),
            key: q.key,
            width: 90,
            render: (_: unknown, r: ResultsView['items'][number]) => r.perQuestion[q.key],
          })),
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <List
              size="small"
              dataSource={r.submissions}
              renderItem={(s) => (
                <List.Item>
                  <b>{s.townName}</b>（{s.period}，{s.score} {t('分')}）：{s.comment || t('无意见')}
                </List.Item>
              )}
            />
          ),
        }}
      />
    </Card>
  );
}

export default function RatingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const periods = usePeriods();
  const [chosen, setChosen] = useState<string>();
  const period = chosen ?? periods.data?.lastMonth;
  return (
    <div>
      <PageTitle
        title={can('assessment.rate') ? t('评价县级部门') : t('镇街评价结果')}
        extra={
          <Select
            style={{ width: 160 }}
            value={period}
            onChange={setChosen}
            options={(periods.data?.months ?? []).map((p) => ({
              value: p.period,
              label: `${p.label}${p.closed ? t('（已关闭）') : ''}`,
            }))}
          />
        }
      />
      {period && (can('assessment.rate') ? <TownForm period={period} /> : <CountyResults period={period} />)}
    </div>
  );
}
