// The password asked again before the most sensitive actions (API keys, webhook secrets, bulk exports of personal
// data): the server answers 403 REAUTH_REQUIRED, this dialog proves the password and the call is tried again.
import { Alert, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, setReauthHandler } from '../api';

export function ReauthPrompt() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setReauthHandler(
      () =>
        new Promise<boolean>((resolve) => {
          resolver.current?.(false);
          resolver.current = resolve;
          setPassword('');
          setError(null);
          setOpen(true);
        }),
    );
  }, []);

  const finish = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpen(false);
  };

  const confirm = async () => {
    setBusy(true);
    try {
      await api('/api/auth/reauth', { method: 'POST', body: { password } });
      finish(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('请再次输入密码')}
      okText={t('确认')}
      cancelText={t('取消')}
      confirmLoading={busy}
      onOk={confirm}
      onCancel={() => finish(false)}
      destroyOnHidden
    >
      <p>{t('此操作涉及密钥或大量个人信息，需要再次验证密码。')}</p>
      <Input.Password
        autoFocus
        data-testid="reauth-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        onPressEnter={confirm}
      />
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} />}
    </Modal>
  );
}
