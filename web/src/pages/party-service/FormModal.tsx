// The one modal form of these pages: POST the form's values (transformed if need be), show the server's refusal
// above the form, refresh the area's queries and close; and the community picker several forms share.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, type ButtonProps, Form, type FormInstance, Input, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCommunities } from './party-service-api';

export function FormModal<T>({
  open,
  title,
  url,
  onClose,
  onSaved,
  transform = (v) => v,
  initialValues,
  okTestId,
  children,
}: {
  open: boolean;
  title: string;
  url: string;
  onClose: () => void;
  onSaved?: (saved: T) => void;
  transform?: (values: Record<string, unknown>) => Record<string, unknown>;
  initialValues?: Record<string, unknown>;
  okTestId?: string;
  children: (form: FormInstance) => ReactNode;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<T>(url, { method: 'POST', body: transform(v) }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['party-service'] });
      void qc.invalidateQueries({ queryKey: ['party-ratings'] });
      onClose();
      onSaved?.(saved);
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={okTestId ? ({ 'data-testid': okTestId } as ButtonProps) : undefined}
      destroyOnHidden
    >
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        {children(form)}
      </Form>
    </Modal>
  );
}

/** The contact person and phone of a unit or a company (the phone field's name differs between the two). */
export function ContactFields({ phoneName }: { phoneName: 'phone' | 'contactPhone' }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="contactName" label={t('联系人')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name={phoneName} label={t('联系电话')}>
        <Input maxLength={20} />
      </Form.Item>
    </>
  );
}

/** A required 社区 field: every community, by town. */
export function CommunityField() {
  const { t } = useTranslation();
  const communities = useCommunities();
  return (
    <Form.Item name="villageId" label={t('社区')} rules={[{ required: true }]}>
      <Select
        showSearch
        optionFilterProp="label"
        options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.townName ?? ''} ${c.name}` }))}
      />
    </Form.Item>
  );
}
