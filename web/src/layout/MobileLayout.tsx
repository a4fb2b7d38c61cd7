// The citizen's light layout: no side menu, a coloured header, content in a phone-width column.
import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useLogout } from '../auth';
import { LangSwitch } from './LangSwitch';

export function MobileLayout() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className="gz-mobile">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '8px 12px',
          background: '#9f1f24',
        }}
      >
        <span className="gz-brand" style={{ fontSize: 15 }}>
          <span className="gz-brand-logo" style={{ width: 24, height: 24, fontSize: 13 }}>
            共
          </span>
          {t('共治 · 码上办')}
        </span>
        <span>
          <LangSwitch />
          <Button
            type="text"
            size="small"
            style={{ color: '#fff' }}
            icon={<LogoutOutlined />}
            onClick={() => void logout()}
            data-testid="logout"
          >
            {t('退出')}
          </Button>
        </span>
      </div>
      <Outlet />
    </div>
  );
}
