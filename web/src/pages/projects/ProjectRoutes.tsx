// The pages of 突破项目 under their prefix (placeholder until the area's pages land).
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function ProjectRoutes() {
  const { t } = useTranslation();
  return <Result status="info" title={t('突破项目')} />;
}
