// Ant Design theme and locale, following the i18n language.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ThemedApp({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{
        token: {
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
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
