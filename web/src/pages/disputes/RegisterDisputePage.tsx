// 登记纠纷: a dispute found in screening, brought in by a walk-in, referred by the police, a court or the petition
// office (警调、诉调、访调对接): its type, what it is about, the parties, the place, the amount and the number of
// people; the risk level follows the rule (shown as the user types) and may be raised, never lowered.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { GridRecordPicker, type PickedRecord } from '../grid-data/GridRecordPicker';
import { type DisputeDetail, type Party, RISK_COLOURS, type RiskLevel, useDisputeTypes } from './dispute-api';
import { PlaceSelect } from './pickers';

const SOURCES = [
  { value: 'walk_in', label: '来访登记' },
  { value: 'screening', label: '排查发现' },
  { value: 'case', label: '案件转入' },
  { value: 'police', label: '警调对接' },
  { value: 'court', label: '诉调对接' },
  { value: 'petition', label: '访调对接' },
];

/** The rule of src/domain/dispute/risk.ts, shown while typing (the server decides). */
function ruleLevel(v: {
  peopleInvolved?: number;
  amount?: number;
  threatOfViolence?: boolean;
  threatOfPetition?: boolean;
  typeCode?: string;
}): RiskLevel {
  const people = v.peopleInvolved ?? 2;
  const amount = v.amount ?? 0;
  if (people >= 30 || v.threatOfViolence || v.threatOfPetition || amount >= 1_000_000) return 'major';
  if (people >= 10 || amount >= 100_000 || v.typeCode === 'land_acquisition') return 'serious';
  return 'general';
}

const LEVEL_LABELS: Record<RiskLevel, string> = { general: '一般', serious: '较大', major: '重大' };
const RANK: Record<RiskLevel, number> = { general: 0, serious: 1, major: 2 };

interface FormValues {
  typeCode: string;
  title: string;
  description?: string;
  parties: Party[];
  amount?: number;
  peopleInvolved?: number;
  threatOfViolence?: boolean;
  threatOfPetition?: boolean;
  riskLevel?: RiskLevel;
  source: string;
  sourceRef?: string;
  placeOrgId?: number;
  address?: string;
}

export default function RegisterDisputePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const caseId = params.get('caseId');
  const types = useDisputeTypes();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const rule = ruleLevel(values ?? {});
  // a party picked from the grid's base data: the server takes its fields from the record
  const canPick = useCan()('griddata.read');
  const picked = (i: number) => values?.parties?.[i]?.gridRecordId;
  const pick = (i: number, r: PickedRecord) => {
    form.setFieldValue(['parties', i, 'gridRecordId'], r.id);
    form.setFieldValue(['parties', i, 'name'], r.name);
    for (const f of ['phone', 'idNumber', 'address'] as const) form.setFieldValue(['parties', i, f], undefined);
  };
  const unpick = (i: number) => {
    form.setFieldValue(['parties', i, 'gridRecordId'], undefined);
    form.setFieldValue(['parties', i, 'name'], '');
  };
  const register = useMutation({
    mutationFn: (v: FormValues) =>
      api<DisputeDetail>('/api/disputes', {
        method: 'POST',
        body: { ...v, ...(caseId ? { caseId: Number(caseId), source: 'case' } : {}) },
      }),
    onSuccess: (d) => navigate(`/disputes/${d.id}`),
    onError: (e) => setError(errorMessage(e)),
  });

  return (
    <>
      <PageTitle title={t('登记纠纷')} />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          closable
          onClose={() => setError(null)}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          source: caseId ? 'case' : 'walk_in',
          peopleInvolved: 2,
          parties: [
            { role: 'applicant', kind: 'person', name: '' },
            { role: 'respondent', kind: 'person', name: '' },
          ],
        }}
        onFinish={(v) => register.mutate(v)}
        data-testid="dispute-form"
      >
        <Card size="small" title={t('纠纷情况')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="typeCode"
                label={t('纠纷类型')}
                rules={[{ required: true, message: t('请选择纠纷类型') }]}
              >
                <Select
                  options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: t(x.name) }))}
                  data-testid="dispute-type"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('纠纷事由')} rules={[{ required: true, message: t('请填写纠纷事由') }]}>
                <Input maxLength={200} placeholder={t('一句话说明纠纷')} data-testid="dispute-title" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('基本情况')}>
            <Input.TextArea rows={3} maxLength={10000} data-testid="dispute-description" />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="placeOrgId" label={t('发生地')}>
                <PlaceSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('详细地址')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="source" label={t('来源')}>
                <Select options={SOURCES.map((s) => ({ ...s, label: t(s.label) }))} disabled={!!caseId} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="sourceRef" label={t('来源文号')}>
                <Input maxLength={200} placeholder={t('如：转办单编号')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="amount" label={t('涉及金额（元）')}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid="dispute-amount" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="peopleInvolved" label={t('涉及人数')}>
                <InputNumber min={1} style={{ width: '100%' }} data-testid="dispute-people" />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap align="center">
            <Form.Item name="threatOfViolence" valuePropName="checked" noStyle>
              <Checkbox>{t('有暴力倾向或民转刑风险')}</Checkbox>
            </Form.Item>
            <Form.Item name="threatOfPetition" valuePropName="checked" noStyle>
              <Checkbox>{t('有越级上访、集体上访苗头')}</Checkbox>
            </Form.Item>
            <span>
              {t('按规则判定')}：
              <Tag color={RISK_COLOURS[rule]} data-testid="rule-level">
                {t(LEVEL_LABELS[rule])}
              </Tag>
            </span>
            <Form.Item name="riskLevel" noStyle>
              <Select
                allowClear
                placeholder={t('调高风险等级（可选）')}
                style={{ width: 180 }}
                options={(['serious', 'major'] as RiskLevel[])
                  .filter((l) => RANK[l] > RANK[rule])
                  .map((l) => ({ value: l, label: t(LEVEL_LABELS[l]) }))}
              />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title={t('当事人')} style={{ marginBottom: 12 }}>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={8} key={field.key} align="top" data-testid={`party-${i}`}>
                    <Col xs={12} md={3}>
                      <Form.Item name={[field.name, 'role']}>
                        <Select
                          options={[
                            { value: 'applicant', label: t('申请人') },
                            { value: 'respondent', label: t('被申请人') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item name={[field.name, 'kind']}>
                        <Select
                          options={[
                            { value: 'person', label: t('个人') },
                            { value: 'org', label: t('单位') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={4}>
                      <Form.Item
                        name={[field.name, 'name']}
                        rules={[{ required: true, message: t('请填写姓名或名称') }]}
                      >
                        <Input placeholder={t('姓名或名称')} disabled={!!picked(i)} data-testid={`party-name-${i}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'gridRecordId']} hidden>
                        <Input />
                      </Form.Item>
                    </Col>
                    {picked(i) ? (
                      <Col xs={20} md={13}>
                        <Tag color="blue" closable onClose={() => unpick(i)} style={{ marginTop: 6 }}>
                          {t('已从网格底数选取：电话、身份证号、住址取自该记录')}
                        </Tag>
                      </Col>
                    ) : (
                      <>
                        {canPick && (
                          <Col xs={24} md={4}>
                            <Form.Item>
                              <GridRecordPicker
                                kind={values?.parties?.[i]?.kind === 'org' ? 'org' : 'person'}
                                onPick={(r) => pick(i, r)}
                                testId={`party-pick-${i}`}
                              />
                            </Form.Item>
                          </Col>
                        )}
                        <Col xs={12} md={canPick ? 3 : 4}>
                          <Form.Item name={[field.name, 'phone']}>
                            <Input placeholder={t('联系电话')} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={canPick ? 3 : 4}>
                          <Form.Item name={[field.name, 'idNumber']}>
                            <Input placeholder={t('身份证号')} />
                          </Form.Item>
                        </Col>
                        <Col xs={20} md={canPick ? 3 : 5}>
                          <Form.Item name={[field.name, 'address']}>
                            <Input placeholder={t('住址')} />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                    <Col xs={4} md={1}>
                      {fields.length > 2 && (
                        <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} />
                      )}
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'respondent', kind: 'person', name: '' })}
                >
                  {t('添加当事人')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="dispute-submit">
            {t('登记')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('取消')}</Button>
        </Space>
      </Form>
    </>
  );
}
