// Signing in with the phone and a one-time code inside a page (the report form keeps its draft meanwhile).
import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { ME_KEY } from '../../auth';
import type { LoginResult } from '../../types';

export function PhoneSignIn({ title }: { title?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [busy, setBusy] = useState<'send' | 'verify' | null>(null);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const send = async () => {
    setError(null);
    if (!/^1\d{10}$/.test(phone)) {
      setError(t('请输入 11 位手机号'));
      return;
    }
    setBusy('send');
    try {
      const res = await api<{ sentTo: string; demoCode?: string }>('/api/auth/code/request', {
        method: 'POST',
        body: { phone },
      });
      setSentTo(res.sentTo);
      setDemoCode(res.demoCode ?? null);
      setCountdown(60);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const verify = async () => {
    setError(null);
    if (!code) {
      setError(t('请输入验证码'));
      return;
    }
    setBusy('verify');
    try {
      const res = await api<LoginResult>('/api/auth/code/verify', { method: 'POST', body: { phone, code } });
      qc.setQueryData(ME_KEY, res.user);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="gz-m-card" data-testid="phone-sign-in">
      <div className="gz-m-card-title">{title ?? t('验证手机号')}</div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('为了把办理结果告诉您，请先用手机号验证。您填写的内容会保留。')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 10 }} />}
      {demoCode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 10 }}
          title={
            <span>
              {t('演示模式验证码：')}
              <Typography.Text strong data-testid="demo-code">
                {demoCode}
              </Typography.Text>
            </span>
          }
        />
      )}
      {sentTo && !demoCode && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 10 }}
          title={t('验证码已发送至 {{phone}}', { phone: sentTo })}
        />
      )}
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        <Input
          size="large"
          prefix={<MobileOutlined />}
          placeholder={t('手机号')}
          inputMode="tel"
          maxLength={11}
          value={phone}
          onChange={(e) => setPhone(e.target.value.trim())}
          data-testid="phone"
        />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            size="large"
            prefix={<SafetyOutlined />}
            placeholder={t('验证码')}
            inputMode="numeric"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            data-testid="code"
          />
          <Button
            size="large"
            onClick={send}
            loading={busy === 'send'}
            disabled={countdown > 0}
            data-testid="request-code"
          >
            {countdown > 0 ? t('{{s}} 秒后重试', { s: countdown }) : t('获取验证码')}
          </Button>
        </Space.Compact>
        <Button type="primary" size="large" block onClick={verify} loading={busy === 'verify'} data-testid="sign-in">
          {t('验证并继续')}
        </Button>
      </Space>
    </div>
  );
}
