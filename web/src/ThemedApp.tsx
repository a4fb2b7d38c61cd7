// The desk app's frame: the theme and locale (AppTheme.tsx) and antd's App, whose message, notification and modal
// the pages use through App.useApp().
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { AppTheme } from './AppTheme';

export function ThemedApp({ children }: { children: ReactNode }) {
  return (
    <AppTheme>
      <AntApp>{children}</AntApp>
    </AppTheme>
  );
}
