// 导入农户名单: pick an xlsx or CSV (the template has the columns), see the check's result — every bad row with
// its number, column and reason, or how many will be added and updated — then import it in one go.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../api';

interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}
interface RowError {
  row: number;
  column?: string;
  message: string;
}

export function HouseholdImportModal({
  villageId,
  open,
  onClose,
}: {
  villageId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (picked: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', picked);
    setBusy(true);
    setMessage(null);
    setErrors([]);
    try {
      const result = await api<ImportResult>('/api/points/households/import', {
        method: 'POST',
        body: form,
        query: { villageId, dryRun },
      });
      setChecked(result);
      if (!dryRun) {
        void qc.invalidateQueries({ queryKey: ['points'] });
        setMessage(t('已导入：新增 {{created}} 户，更新 {{updated}} 户', { ...result }));
      }
    } catch (e) {
      setChecked(null);
      setMessage(errorMessage(e));
      if (e instanceof ApiError) setErrors(((e.details as { errors?: RowError[] })?.errors ?? []) as RowError[]);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setChecked(null);
    setErrors([]);
    setMessage(null);
    onClose();
  };

  return (
    <Modal open={open} title={t('导入农户名单')} onCancel={close} footer={null} width={720} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('列：门牌号、户主姓名、家庭人口、地址、户主手机、所属网格（网格名称或编码）。门牌号已登记的将更新。')}
        </Typography.Text>
        <Space>
          <Button icon={<DownloadOutlined />} href="/api/points/households/import/template">
            {t('下载模板')}
          </Button>
          <Button
            icon={<UploadOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
            data-testid="import-pick"
          >
            {t('选择文件并检查')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.csv"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const picked = e.target.files?.[0];
              if (picked) {
                setFile(picked);
                void send(picked, true);
              }
              e.target.value = '';
            }}
          />
          {file && <Typography.Text>{file.name}</Typography.Text>}
        </Space>
        {message && (
          <Alert
            type={errors.length || !checked ? 'error' : 'success'}
            showIcon
            title={message}
            data-testid="import-message"
          />
        )}
        {errors.length > 0 && (
          <Table<RowError>
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            dataSource={errors}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('行号'), dataIndex: 'row', width: 70 },
              { title: t('列'), dataIndex: 'column', width: 100 },
              { title: t('问题'), dataIndex: 'message' },
            ]}
          />
        )}
        {checked?.dryRun && file && (
          <Alert
            type="info"
            showIcon
            title={t('检查通过：共 {{rows}} 行，将新增 {{created}} 户、更新 {{updated}} 户', { ...checked })}
            action={
              <Button type="primary" loading={busy} onClick={() => void send(file, false)} data-testid="import-confirm">
                {t('确认导入')}
              </Button>
            }
          />
        )}
      </Space>
    </Modal>
  );
}
