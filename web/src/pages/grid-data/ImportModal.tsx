// 导入: download the template, pick an xlsx, check it (dry run) — every bad row with its number, column and
// reason, or how many will be added and updated — then import it, with a progress bar polled from the job.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { KindInfo } from './grid-data-api';

interface Job {
  id: number;
  status: 'checking' | 'writing' | 'done' | 'refused' | 'failed';
  dryRun: boolean;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errorCount: number;
  errors: { row: number; column: string; reason: string }[];
  message: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function ImportModal({
  kind,
  orgId,
  open,
  onClose,
}: {
  kind: KindInfo;
  orgId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (picked: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', picked);
    setError(null);
    try {
      let j = await api<Job>(`/api/grid-data/${kind.path}/import`, {
        method: 'POST',
        body: form,
        query: { orgId, dryRun },
      });
      setJob(j);
      while (j.status === 'checking' || j.status === 'writing') {
        await sleep(500);
        j = await api<Job>(`/api/grid-data/imports/${j.id}`);
        setJob(j);
      }
      if (!dryRun && j.status === 'done') void qc.invalidateQueries({ queryKey: ['grid-data'] });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const close = () => {
    setFile(null);
    setJob(null);
    setError(null);
    onClose();
  };
  const running = job?.status === 'checking' || job?.status === 'writing';
  const percent =
    job?.status === 'writing' && job.total
      ? Math.round((job.processed / job.total) * 100)
      : job?.status === 'done'
        ? 100
        : 0;

  return (
    <Modal
      open={open}
      title={t('导入{{kind}}', { kind: t(kind.label) })}
      onCancel={close}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t(
            '先检查（试导入），整份无误才能导入；有任何一行错误则整份不导入。身份证号或编码已登记的记录将更新，不会重复。',
          )}
        </Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/grid-data/${kind.path}/import/template`}>
            {t('下载模板')}
          </Button>
          <Button
            icon={<UploadOutlined />}
            loading={running}
            onClick={() => input.current?.click()}
            data-testid="import-pick"
          >
            {t('选择文件并检查')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".xlsx"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const picked = e.target.files?.[0];
              if (picked) {
                setFile(picked);
                void run(picked, true);
              }
              e.target.value = '';
            }}
          />
          {file && <Typography.Text>{file.name}</Typography.Text>}
          {file && job?.dryRun && job.status === 'done' && (
            <Button type="primary" onClick={() => void run(file, false)} data-testid="import-confirm">
              {t('确认导入')}
            </Button>
          )}
        </Space>
        {job && (running || job.status === 'done') && (
          <Progress
            percent={percent}
            status={running ? 'active' : 'success'}
            format={() => `${job.processed} / ${job.total || '…'}`}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {job?.message && (
          <Alert
            type={job.status === 'done' ? 'success' : 'error'}
            showIcon
            title={job.message}
            data-testid="import-message"
          />
        )}
        {job && job.errors.length > 0 && (
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
            dataSource={job.errors}
            pagination={{ pageSize: 10 }}
            data-testid="import-errors"
            columns={[
              { title: t('行号'), dataIndex: 'row', width: 80 },
              { title: t('列'), dataIndex: 'column', width: 140 },
              { title: t('原因'), dataIndex: 'reason' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
