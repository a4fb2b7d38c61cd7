// The editor of a power and its procedure — the county platform's template editor and a village's editor of
// its own copies: category, name, legal basis, and the ordered steps (key, name, actor, working-day limit,
// publicity days, documents, optional, 可否决). The server checks the procedure and answers with the step at
// fault (POWER_PROCEDURE_INVALID).
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { ACTOR_LABELS, type PowerItemView, type ProcedureStep } from './power-api';

interface Values {
  category: string;
  name: string;
  legalBasis: string;
  description: string;
  active: boolean;
  steps: ProcedureStep[];
}

const NEW_STEP: ProcedureStep = {
  key: '',
  name: '',
  actor: 'village_committee',
  documents: [],
  publicityDays: null,
  limitDays: 5,
  optional: false,
  canReject: false,
};

/** item null: a new power — of the county template (villageId null) or of a village. */
export function ItemEditor({
  item,
  villageId = null,
  onClose,
  onSaved,
}: {
  item: PowerItemView | null;
  villageId?: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const steps = v.steps.map((s) => ({
        ...s,
        documents: s.documents ?? [],
        publicityDays: s.publicityDays ?? null,
        limitDays: s.limitDays ?? null,
        optional: !!s.optional,
        canReject: !!s.canReject,
      }));
      const body = { ...v, steps };
      if (item)
        return api(`/api/powers/items/${item.id}`, { method: 'PATCH', body: { ...body, version: item.version } });
      return api(villageId === null ? '/api/powers/template/items' : `/api/powers/villages/${villageId}/items`, {
        method: 'POST',
        body,
      });
    },
    onSuccess: onSaved,
  });
  const actorOptions = Object.entries(ACTOR_LABELS).map(([value, label]) => ({ value, label: t(label) }));
  return (
    <Modal
      open
      width={900}
      title={item ? `${t('修改')}：${item.name}` : t('新增权力事项')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'item-save' }}
    >
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          item
            ? { ...item }
            : { category: '', name: '', legalBasis: '', description: '', active: true, steps: [{ ...NEW_STEP }] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="category" label={t('类别')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="name" label={t('权力事项')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label={t('状态')} valuePropName="checked">
              <Checkbox>{t('启用')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="legalBasis" label={t('法律依据')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('说明')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`${t('第 {{n}} 步', { n: i + 1 })}`}
                  extra={
                    <Space>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                      />
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Space>
                  }
                >
                  <Row gutter={8}>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'key']} label={t('标识')} rules={[{ required: true }]}>
                        <Input placeholder="resolution" maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[field.name, 'name']} label={t('步骤名称')} rules={[{ required: true }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'actor']} label={t('实施主体')} rules={[{ required: true }]}>
                        <Select options={actorOptions} />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item name={[field.name, 'limitDays']} label={t('时限（工作日）')}>
                        <InputNumber min={1} max={90} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item name={[field.name, 'publicityDays']} label={t('公示天数')}>
                        <InputNumber min={1} max={60} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={8}>
                    <Col span={14}>
                      <Form.Item name={[field.name, 'documents']} label={t('材料')}>
                        <Select mode="tags" tokenSeparators={['、', ',']} />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'optional']} valuePropName="checked" label=" ">
                        <Checkbox>{t('可选步骤')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'canReject']} valuePropName="checked" label=" ">
                        <Checkbox>{t('可否决')}</Checkbox>
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_STEP })} block>
                {t('添加步骤')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
