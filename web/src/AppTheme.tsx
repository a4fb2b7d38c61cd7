// Ant Design theme and locale, following the i18n language: what both entries render their pages in. The desk
// adds antd's App (message, notification and modal holders) at once (ThemedApp.tsx); the phone when a page first
// shows a message (components/LazyAntApp.tsx).
import { ConfigProvider } from 'antd';
// the ES modules (antd/locale/* are CommonJS copies); antd's components import en_US themselves as their default
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/** The user asked their system for less motion (an accessibility setting): antd's animations are then left out. */
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const reducedMotion = () => typeof window !== 'undefined' && (window.matchMedia?.(REDUCED_MOTION).matches ?? false);
function onMotionPreference(changed: () => void): () => void {
  const query = typeof window !== 'undefined' ? window.matchMedia?.(REDUCED_MOTION) : undefined;
  query?.addEventListener('change', changed);
  return () => query?.removeEventListener('change', changed);
}

export function AppTheme({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const reduced = useSyncExternalStore(onMotionPreference, reducedMotion, () => false);
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{
        token: {
          motion: !reduced,
          colorPrimary: '#b7282e',
          colorLink: '#1d5fa8',
          borderRadius: 4,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
        },
        components: {
          Layout: { headerBg: '#9f1f24', siderBg: '#10233f', headerHeight: 56, headerPadding: '0 16px' },
          Menu: { darkItemBg: '#10233f', darkSubMenuItemBg: '#0b1a30', darkItemSelectedBg: '#b7282e' },
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}
