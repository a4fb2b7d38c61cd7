// 查看完整信息 of a masked personal field (ID numbers, phones, reporters' names): the button, the call — the
// server writes the audit entry — the values once shown, and the note that the view was recorded.
import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type RequestOptions } from '../api';

/**
 * The revealed values of `path` (null until revealed). Kept per path: a page reused for another record shows
 * that one masked again.
 */
export function useReveal<T>(path: string, method: RequestOptions['method'] = 'GET') {
  const { message } = App.useApp();
  const [shown, setShown] = useState<{ path: string; value: T } | null>(null);
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    setLoading(true);
    try {
      setShown({ path, value: await api<T>(path, { method }) });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  return { revealed: shown?.path === path ? shown.value : null, reveal, loading };
}

export function RevealButton({
  onClick,
  loading,
  testId,
  size,
}: {
  onClick: () => void;
  loading?: boolean;
  testId: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  return (
    <Button icon={<EyeOutlined />} size={size} loading={loading} onClick={onClick} data-testid={testId}>
      {t('查看完整信息')}
    </Button>
  );
}

/** Shown beside revealed values: the person looking knows the look is on record. */
export function RevealedNote() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reveal-audited">
      {t('此次查看已记入审计日志')}
    </Typography.Text>
  );
}
