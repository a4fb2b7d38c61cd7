// 转介心理服务: a grid worker or a mediator refers a person, or staff refer from a case or a dispute (?caseId= /
// ?disputeId=). Without the person's consent the form asks nothing about the person: only the risk is sent and the
// record is a 'needs attention' flag for the counselling organisation.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { type PsychDetail, useCounsellingOrgs } from './psych-api';

interface Values {
  counsellingOrgId: number;
  risk: string;
  consent: boolean;
  personName?: string;
  personPhone?: string;
  personIdNumber?: string;
  concern?: string;
  placeOrgId?: number;
}

export default function NewReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const caseId = Number(params.get('caseId')) || null;
  const disputeId = Number(params.get('disputeId')) || null;
  const [form] = Form.useForm<Values>();
  const consent = Form.useWatch('consent', form) ?? true;
  const orgs = useCounsellingOrgs();
  const [error, setError] = useState<string | null>(null);
  const refer = useMutation({
    mutationFn: (v: Values) =>
      api<PsychDetail>('/api/psych/referrals', {
        method: 'POST',
        body: {
          risk: v.risk,
          consent: v.consent,
          counsellingOrgId: v.counsellingOrgId,
          source: caseId ? 'case' : disputeId ? 'dispute' : 'direct',
          caseId,
          disputeId,
          ...(v.consent
            ? {
                personName: v.personName,
                personPhone: v.personPhone || null,
                personIdNumber: v.personIdNumber || null,
                concern: v.concern,
                placeOrgId: v.placeOrgId ?? null,
              }
            : {}),
        },
      }),
    onSuccess: (r) => navigate(`/psych/${r.id}`),
    onError: (e) => setError(errorMessage(e)),
  });
  const only = orgs.data?.items.length === 1 ? orgs.data.items[0]?.id : undefined;
  // the directory usually has one counselling centre: chosen for the user once it has loaded
  useEffect(() => {
    if (only && !form.getFieldValue('counsellingOrgId')) form.setFieldValue('counsellingOrgId', only);
  }, [only, form]);

  return (
    <>
      <PageTitle title={t('转介心理服务')} />
      {(caseId || disputeId) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={caseId ? t('从案件 #{{id}} 转介', { id: caseId }) : t('从矛盾纠纷 #{{id}} 转介', { id: disputeId })}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="psych-error" />}
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ risk: 'medium', consent: true }}
          onFinish={(v) => refer.mutate(v)}
          data-testid="psych-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="counsellingOrgId"
                label={t('心理服务机构')}
                rules={[{ required: true, message: t('请选择心理服务机构') }]}
              >
                <Select
                  options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  data-testid="psych-org"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="risk" label={t('风险等级')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  data-testid="psych-risk-input"
                  options={[
                    { value: 'low', label: t('低') },
                    { value: 'medium', label: t('中') },
                    { value: 'high', label: t('高') },
                    { value: 'crisis', label: t('危机') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="consent" label={t('当事人同意转介')} valuePropName="checked">
            <Switch data-testid="psych-consent" />
          </Form.Item>
          {!consent && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(
                '未经当事人同意，只保留“需关注”标记（转介单位、日期和风险等级），不记录任何个人信息和问题内容。',
              )}
            />
          )}
          {consent && (
            <>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="personName"
                    label={t('当事人姓名')}
                    rules={[{ required: true, message: t('请填写当事人姓名') }]}
                  >
                    <Input maxLength={100} data-testid="psych-person" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="personPhone" label={t('联系电话')}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="personIdNumber" label={t('身份证号')}>
                    <Input maxLength={18} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="placeOrgId" label={t('当事人所在地')}>
                <UnitSelect placeholder={t('镇街、村社区或网格')} />
              </Form.Item>
              <Form.Item
                name="concern"
                label={t('转介原因（关注的问题）')}
                rules={[{ required: true, message: t('请填写转介原因') }]}
              >
                <Input.TextArea rows={4} maxLength={5000} showCount data-testid="psych-concern" />
              </Form.Item>
            </>
          )}
          <Typography.Paragraph type="secondary">
            {t('危机转介将立即通知当事人所在镇街平台和县卫生健康局，心理服务机构须在 2 小时内接收。')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={refer.isPending} data-testid="psych-submit">
            {t('提交转介')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
