// Sign-in: staff by username and password, citizens by phone and one-time code.
import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Form, Input, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { ME_KEY } from '../auth';
import { LangSwitch } from '../layout/LangSwitch';
import type { LoginResult } from '../types';

const DEMO_ACCOUNTS: { username: string; role: string }[] = [
  { username: 'admin', role: '系统管理员' },
  { username: 'leader', role: '县领导' },
  { username: 'county', role: '县平台坐席' },
  { username: 'town', role: '镇街平台' },
  { username: 'village', role: '村社区平台' },
  { username: 'grid', role: '网格员' },
  { username: 'dept', role: '职能部门' },
  { username: 'mediator', role: '第三方力量（人民调解）' },
];

function useAfterLogin() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return (result: LoginResult) => {
    qc.clear();
    qc.setQueryData(ME_KEY, result.user);
    navigate(from && from !== '/login' ? from : '/', { replace: true });
  };
}

function StaffLogin() {
  const { t } = useTranslation();
  const afterLogin = useAfterLogin();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const onFinish = async (values: { username: string; password: string }) => {
    setLoading(true);
    setError(null);
    try {
      afterLogin(await api<LoginResult>('/api/auth/login', { method: 'POST', body: values }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Form layout="vertical" size="large" onFinish={onFinish} data-testid="staff-login-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form.Item name="username" rules={[{ required: true, message: t('请输入用户名') }]}>
        <Input prefix={<UserOutlined />} placeholder={t('用户名')} autoComplete="username" data-testid="username" />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('请输入密码') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('密码')}
          autoComplete="current-password"
          data-testid="password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading} data-testid="login-submit">
        {t('登录')}
      </Button>
    </Form>
  );
}

function CitizenLogin() {
  const { t } = useTranslation();
  const afterLogin = useAfterLogin();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [sending, setSending] = useState(false);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const requestCode = async () => {
    setError(null);
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    setSending(true);
    try {
      const res = await api<{ sentTo: string; expiresInSeconds: number; demoCode?: string }>('/api/auth/code/request', {
        method: 'POST',
        body: { phone: form.getFieldValue('phone') },
      });
      setSentTo(res.sentTo);
      setDemoCode(res.demoCode ?? null);
      setCountdown(60);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (values: { phone: string; code: string }) => {
    setLoading(true);
    setError(null);
    try {
      afterLogin(await api<LoginResult>('/api/auth/code/verify', { method: 'POST', body: values }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" onFinish={onFinish} data-testid="citizen-login-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      {demoCode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="demo-code-alert"
          title={
            <span>
              {t('演示模式验证码：')}
              <Typography.Text strong copyable data-testid="demo-code">
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
          style={{ marginBottom: 16 }}
          title={t('验证码已发送至 {{phone}}', { phone: sentTo })}
        />
      )}
      <Form.Item
        name="phone"
        rules={[
          { required: true, message: t('请输入手机号') },
          { pattern: /^1\d{10}$/, message: t('请输入 11 位手机号') },
        ]}
      >
        <Input
          prefix={<MobileOutlined />}
          placeholder={t('手机号')}
          inputMode="tel"
          maxLength={11}
          data-testid="phone"
        />
      </Form.Item>
      <Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, message: t('请输入验证码') }]}>
            <Input
              prefix={<SafetyOutlined />}
              placeholder={t('验证码')}
              inputMode="numeric"
              maxLength={6}
              data-testid="code"
            />
          </Form.Item>
          <Button onClick={requestCode} loading={sending} disabled={countdown > 0} data-testid="request-code">
            {countdown > 0 ? t('{{s}} 秒后重试', { s: countdown }) : t('获取验证码')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading} data-testid="citizen-submit">
        {t('登录')}
      </Button>
    </Form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  return (
    <div className="gz-login-bg">
      <div style={{ width: '100%', maxWidth: 420 }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 20 }}>
          <div className="gz-brand" style={{ justifyContent: 'center', fontSize: 24 }}>
            <span className="gz-brand-logo" style={{ width: 40, height: 40, fontSize: 20 }}>
              共
            </span>
            {t('共治')}
          </div>
          <div style={{ opacity: 0.85, marginTop: 6, letterSpacing: 2 }}>{t('基层社会治理共同体 · 信息平台')}</div>
        </div>
        <Card
          variant="borderless"
          style={{ boxShadow: '0 8px 32px rgba(0,0,0,0.25)' }}
          extra={<LangSwitch light={false} />}
          title={t('登录')}
        >
          <Tabs
            items={[
              { key: 'staff', label: t('工作人员'), children: <StaffLogin /> },
              { key: 'citizen', label: <span data-testid="tab-citizen">{t('群众')}</span>, children: <CitizenLogin /> },
            ]}
          />
          <Collapse
            size="small"
            ghost
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'demo',
                label: t('演示账号'),
                children: (
                  <>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="username"
                      dataSource={DEMO_ACCOUNTS}
                      columns={[
                        {
                          title: t('用户名'),
                          dataIndex: 'username',
                          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                        },
                        { title: t('角色'), dataIndex: 'role', render: (v: string) => t(v) },
                      ]}
                    />
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                      {t('以上账号密码均为')} <Typography.Text code>demo1234</Typography.Text>
                      {t('；群众手机号')} <Typography.Text code>13800000001</Typography.Text>
                      {t('，验证码在演示模式下直接显示。')}
                    </Typography.Paragraph>
                  </>
                ),
              },
            ]}
          />
        </Card>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <a href="/public" style={{ color: '#fff' }} data-testid="public-link">
            {t('公开信息')}
          </a>
        </div>
      </div>
    </div>
  );
}
