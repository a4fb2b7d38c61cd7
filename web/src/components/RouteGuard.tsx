// What every page route of both entries (the desk's App.tsx, the phone's phone.tsx) is wrapped in: the permission
// check (403 page) and the spinner while the page's code loads.
import { Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth';
import { LazyResult } from './LazyResult';

export function FullSpin() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function Guard({ permission, children }: { permission?: string; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (permission && !can(permission)) {
    return <LazyResult status="403" title="403" subTitle={t('您没有访问此页面的权限')} />;
  }
  return <Suspense fallback={<FullSpin />}>{children}</Suspense>;
}
