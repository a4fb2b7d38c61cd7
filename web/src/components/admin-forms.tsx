// The pieces every administration page repeats: a change that refreshes its list and says how it went, a form in
// a modal that shows the server's refusal beside the fields, edit / delete links, and a secret shown once.
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Form,
  type FormInstance,
  Modal,
  Popconfirm,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';

/** The server's error above a table or form; nothing when there is none. */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} data-testid={testId} />;
}

/**
 * A change made from an administration page: on success the lists under `invalidate` are fetched again, `success`
 * (zh-CN, translated) is shown and `onSuccess` runs; a refusal shows the server's message — as a toast, or only
 * where the caller shows `error` itself (`inlineError`, for forms in a modal).
 */
export function useAdminMutation<TVars, TResult = unknown>(options: {
  mutationFn: (vars: TVars) => Promise<TResult>;
  invalidate: QueryKey;
  success?: string;
  onSuccess?: (result: TResult, vars: TVars) => void;
  inlineError?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: options.mutationFn,
    onSuccess: (result, vars) => {
      if (options.success) message.success(t(options.success));
      void qc.invalidateQueries({ queryKey: options.invalidate });
      options.onSuccess?.(result, vars);
    },
    onError: (err) => {
      if (!options.inlineError) message.error(errorMessage(err));
    },
  });
}

/**
 * Which row a modal form edits (`'new'` for a new one, null when closed); `open` resets the form, fills it with
 * `values(row)` and clears the last refusal of `mutation`.
 */
export function useEditing<Row, Values>(
  form: FormInstance<Values>,
  values: (row: Row | 'new') => Partial<Values>,
  mutation?: { reset: () => void },
) {
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const open = (row: Row | 'new') => {
    mutation?.reset();
    setEditing(row);
    form.resetFields();
    form.setFieldsValue(values(row) as Parameters<FormInstance<Values>['setFieldsValue']>[0]);
  };
  return { editing, open, close: () => setEditing(null) };
}

/** A vertical form in a modal; OK submits it, and `error` (the save's refusal) stands above the fields. */
export function FormModal<Values>({
  open,
  title,
  form,
  onCancel,
  onFinish,
  saving,
  error,
  initialValues,
  testId,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<Values>;
  onCancel: () => void;
  onFinish: (values: Values) => void;
  saving?: boolean;
  error?: unknown;
  initialValues?: Partial<Values>;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': testId && `${testId}-ok` } as ButtonProps}
      forceRender
    >
      <div data-testid={testId}>
        <ErrorAlert error={error} testId={testId && `${testId}-error`} />
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
          {children}
        </Form>
      </div>
    </Modal>
  );
}

/** The page's primary "add" button (新增, 新建密钥 …). */
export function NewButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

/** 编辑 and 删除 links of a table row; `locked` disables deleting and says why. */
export function EditDeleteLinks({
  onEdit,
  onDelete,
  confirm,
  locked,
}: {
  onEdit: () => void;
  onDelete: () => void;
  confirm: string;
  locked?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('编辑')}
      </Button>
      {locked ? (
        <Tooltip title={locked}>
          <Button type="link" size="small" disabled>
            {t('删除')}
          </Button>
        </Tooltip>
      ) : (
        <Popconfirm title={confirm} onConfirm={onDelete}>
          <Button type="link" size="small" danger>
            {t('删除')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** A secret the server shows exactly once (an API key, a signing secret), with a copy button. */
export function SecretOnceModal({
  secret,
  title,
  warning,
  testId,
  onClose,
}: {
  secret: string | null;
  title: string;
  warning: string;
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!secret}
      title={title}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('我已妥善保存')}
        </Button>
      }
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />
      <Typography.Paragraph
        code
        copyable={{ icon: [<CopyOutlined key="c" />, <CopyOutlined key="d" />], tooltips: [t('复制'), t('已复制')] }}
        style={{ wordBreak: 'break-all', fontSize: 15 }}
        data-testid={testId}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
