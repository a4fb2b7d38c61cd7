// 登记 / 修改 a record: a form built from the kind's field table (the server's), with the grid to register in.
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { KindInfo, RecordView } from './grid-data-api';

export function RecordForm({
  kind,
  tags,
  grids,
  record,
  open,
  onClose,
}: {
  kind: KindInfo;
  tags: string[];
  grids: { gridId: number; name: string }[];
  record?: RecordView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const submit = async () => {
    const values = await form.validateFields();
    const { gridId, ...rest } = values as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const f of kind.fields) {
      const v = rest[f.key];
      // masked values are not sent back unless typed anew
      if (record && f.masked && (v === record.fields[f.key] || v === undefined)) continue;
      if (v !== undefined) fields[f.key] = v === '' ? null : v;
    }
    try {
      if (record) {
        await api(`/api/grid-data/${kind.path}/${record.id}`, {
          method: 'PATCH',
          body: { version: record.version, fields, gridId },
        });
      } else {
        await api(`/api/grid-data/${kind.path}`, { method: 'POST', body: { gridId, fields } });
      }
      void qc.invalidateQueries({ queryKey: ['grid-data'] });
      message.success(t('已保存'));
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const initial = record ? { gridId: record.gridId, ...record.fields } : { gridId: grids[0]?.gridId };
  return (
    <Modal open={open} title={record ? t('修改') : t('登记')} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="gridId" label={t('所属网格')} rules={[{ required: true }]}>
          <Select options={grids.map((g) => ({ value: g.gridId, label: g.name }))} />
        </Form.Item>
        {kind.fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={t(f.label)}
            rules={f.required && !(record && f.masked) ? [{ required: true }] : []}
            extra={record && f.masked ? t('如需更改，请输入完整的新值') : undefined}
          >
            {f.type === 'enum' ? (
              <Select allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : f.type === 'tags' ? (
              <Select mode="multiple" options={tags.map((o) => ({ value: o, label: o }))} />
            ) : f.type === 'int' || f.type === 'lat' || f.type === 'lng' ? (
              <InputNumber style={{ width: '100%' }} />
            ) : (
              <Input placeholder={f.type === 'date' ? '2026-03-01' : undefined} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
