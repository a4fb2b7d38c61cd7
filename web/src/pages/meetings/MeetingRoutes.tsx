// The pages of 联席会议 under their prefix (placeholder until the area's pages land).
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function MeetingRoutes() {
  const { t } = useTranslation();
  return <Result status="info" title={t('联席会议')} />;
}
