// 待排查 in 我的待办: my unit's screenings to do (red when one is overdue) and the units below that missed one.
import { SearchOutlined } from '@ant-design/icons';
import { Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth';
import { useScreeningInbox } from './screening-api';

export function ScreeningInboxStrip() {
  const { t } = useTranslation();
  const can = useCan();
  const counts = useScreeningInbox(can('screening.read'));
  if (!can('screening.read') || !counts.data) return null;
  const { todo, overdue, missedBelow } = counts.data;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: '6px 12px' } }}
      data-testid="screening-inbox-strip"
    >
      <Space wrap>
        <span>
          <SearchOutlined /> {t('矛盾纠纷排查')}
        </span>
        <Link to="/screenings?scope=mine&status=open" data-testid="screening-strip-todo">
          <Tag color={overdue > 0 ? 'red' : todo > 0 ? 'blue' : 'default'}>
            {t('待排查')} {todo}
          </Tag>
        </Link>
        <Link to="/screenings?scope=children&status=missed" data-testid="screening-strip-missed">
          <Tag color={missedBelow > 0 ? 'red' : 'default'}>
            {t('下级单位未排查')} {missedBelow}
          </Tag>
        </Link>
      </Space>
    </Card>
  );
}
