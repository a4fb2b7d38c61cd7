// The form of a round (the county platform): title, kind, the questionnaire as JSON (checked by the server, which
// names the question at fault) and quotas per town or village — new, or changed while in 草稿 or 抽样.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { KIND_OPTIONS, QUESTIONNAIRE_TEMPLATE, type RoundDetail } from './survey-api';

interface OrgOption {
  id: number;
  name: string;
  kind: string;
}

/** A new round, or (given `round`) a round in 草稿 / 抽样 changed: title, questionnaire, quotas. */
export function RoundFormModal({ open, onClose, round }: { open: boolean; onClose: () => void; round?: RoundDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const orgs = useQuery({
    queryKey: ['orgs', 'towns-villages'],
    queryFn: async () => {
      const [towns, villages] = await Promise.all([
        api<{ items: OrgOption[] }>('/api/orgs', { query: { kind: 'town', limit: 500 } }),
        api<{ items: OrgOption[] }>('/api/orgs', { query: { kind: 'village', limit: 500 } }),
      ]);
      return [...towns.items, ...villages.items];
    },
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (v: {
      title: string;
      kind: string;
      questionnaire: string;
      quotas: { orgId: number; size: number }[];
    }) => {
      let questionnaire: unknown;
      try {
        questionnaire = JSON.parse(v.questionnaire);
      } catch {
        throw new Error(t('问卷不是有效的 JSON，请检查括号和引号'));
      }
      const kindOf = new Map((orgs.data ?? []).map((o) => [o.id, o.kind]));
      return api<RoundDetail>(round ? `/api/surveys/rounds/${round.id}` : '/api/surveys/rounds', {
        method: round ? 'PATCH' : 'POST',
        body: {
          title: v.title,
          ...(round ? { version: round.version } : { kind: v.kind }),
          questionnaire,
          quotas: (v.quotas ?? []).map((q) => ({
            level: kindOf.get(q.orgId) === 'town' ? 'town' : 'village',
            orgId: q.orgId,
            size: q.size,
          })),
        },
      });
    },
    onSuccess: (saved) => {
      onClose();
      if (!round) navigate(`/surveys/${saved.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={round ? t('修改问卷或配额') : t('新建民调')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
    >
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          round
            ? {
                title: round.title,
                kind: round.kind,
                questionnaire: JSON.stringify(round.questionnaire, null, 2),
                quotas: round.quotas.map((q) => ({ orgId: q.orgId, size: q.size })),
              }
            : { kind: 'safety', questionnaire: JSON.stringify(QUESTIONNAIRE_TEMPLATE, null, 2), quotas: [] }
        }
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('民调名称')} rules={[{ required: true, message: t('请填写民调名称') }]}>
          <Input maxLength={100} placeholder={t('如：2026年第四季度平安建设群众安全感和满意度调查')} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')}>
          <Select disabled={!!round} options={KIND_OPTIONS.map((k) => ({ ...k, label: t(k.label) }))} />
        </Form.Item>
        <Form.Item
          name="questionnaire"
          label={t('问卷（JSON）')}
          extra={t('题型：single 单选、multi 多选、scale 1–5 分量表、text 文字；score: true 的量表题为满意度得分题')}
        >
          <Input.TextArea rows={10} style={{ fontFamily: 'monospace', fontSize: 12 }} />
        </Form.Item>
        <Typography.Text strong>{t('样本配额（镇街或村社区）')}</Typography.Text>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'orgId']} rules={[{ required: true, message: t('请选择单位') }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 280 }}
                      placeholder={t('镇街或村社区')}
                      options={(orgs.data ?? []).map((o) => ({
                        value: o.id,
                        label: `${o.name}${o.kind === 'town' ? t('（镇街）') : ''}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'size']} rules={[{ required: true, message: t('请填写样本量') }]}>
                    <InputNumber min={1} max={10000} placeholder={t('样本量')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ size: 30 })} icon={<PlusOutlined />} data-testid="add-quota">
                {t('添加配额')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
