// The pages of 工作专班 under their prefix (placeholder until the area's pages land).
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function WorkTeamRoutes() {
  const { t } = useTranslation();
  return <Result status="info" title={t('工作专班')} />;
}
