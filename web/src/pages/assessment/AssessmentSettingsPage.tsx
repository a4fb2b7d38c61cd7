// 考核设置 (administrators): indicator weights in the composite score, the weight of the towns' rating in a
// department's score, and closing monthly periods.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { usePeriods } from './RankingPage';

interface WeightsView {
  items: { key: string; name: string; formula: string; weight: number; defaultWeight: number }[];
  townRatingWeight: number;
  defaultTownRatingWeight: number;
  compositeFormula: string;
}

export default function AssessmentSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { data } = useQuery({
    queryKey: ['assessment', 'weights'],
    queryFn: () => api<WeightsView>('/api/assessment/weights'),
  });
  const periods = usePeriods();
  const save = useMutation({
    mutationFn: (v: Record<string, number>) => {
      const { townRatingWeight, ...weights } = v;
      return api('/api/assessment/weights', { method: 'PUT', body: { weights, townRatingWeight } });
    },
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const close = useMutation({
    mutationFn: ({ period, closed }: { period: string; closed: boolean }) =>
      api(`/api/assessment/periods/${period}`, { method: 'PUT', body: { closed } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment'] }),
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <div>
      <PageTitle title={t('考核设置')} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('指标权重')}>
            {data && (
              <Form
                form={form}
                key={JSON.stringify(data)}
                initialValues={{
                  ...Object.fromEntries(data.items.map((i) => [i.key, i.weight])),
                  townRatingWeight: data.townRatingWeight,
                }}
                onFinish={(v) => save.mutate(v)}
                labelCol={{ flex: '120px' }}
              >
                {data.items.map((i) => (
                  <Form.Item key={i.key} label={t(i.name)} tooltip={i.formula} style={{ marginBottom: 8 }}>
                    <Form.Item name={i.key} noStyle>
                      <InputNumber min={0} max={100} />
                    </Form.Item>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {t('默认')} {i.defaultWeight}
                    </Typography.Text>
                  </Form.Item>
                ))}
                <Form.Item label={t('镇街评价权重')} tooltip={t('镇街评价在职能部门最终得分中所占百分比')}>
                  <Form.Item name="townRatingWeight" noStyle>
                    <InputNumber min={0} max={100} addonAfter="%" />
                  </Form.Item>
                </Form.Item>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {data.compositeFormula}
                </Typography.Paragraph>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {t('保存')}
                </Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('考核期')}>
            <Typography.Paragraph type="secondary">
              {t('关闭一个月度考核期后，镇街不能再提交或修改对该月的部门评价。')}
            </Typography.Paragraph>
            <Table
              rowKey="period"
              size="small"
              pagination={false}
              dataSource={periods.data?.months ?? []}
              columns={[
                { title: t('月份'), dataIndex: 'label' },
                {
                  title: t('状态'),
                  dataIndex: 'closed',
                  render: (closed: boolean) =>
                    closed ? <Tag>{t('已关闭')}</Tag> : <Tag color="green">{t('开放')}</Tag>,
                },
                {
                  title: '',
                  key: 'op',
                  render: (_, p) => (
                    <Popconfirm
                      title={p.closed ? t('重新开放该考核期？') : t('关闭该考核期？')}
                      onConfirm={() => close.mutate({ period: p.period, closed: !p.closed })}
                    >
                      <Button size="small">{p.closed ? t('重新开放') : t('关闭')}</Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
