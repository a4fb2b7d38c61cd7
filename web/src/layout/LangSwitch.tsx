import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';

/** Toggles zh-CN ⇄ English; the choice is kept in localStorage. */
export function LangSwitch({ light = true }: { light?: boolean }) {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return (
    <Button
      type="text"
      size="small"
      icon={<TranslationOutlined />}
      style={light ? { color: '#fff' } : undefined}
      onClick={() => setLang(zh ? 'en' : 'zh-CN')}
      data-testid="lang-switch"
      title={zh ? 'Switch to English' : '切换到中文'}
    >
      {zh ? 'EN' : '中文'}
    </Button>
  );
}
