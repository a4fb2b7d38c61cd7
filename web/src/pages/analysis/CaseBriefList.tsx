// A compact list of the cases behind an analysis finding.
import { List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { CaseBrief } from '../../api-types';
import { CaseStateTag, placeOf } from '../cases/InboxPage';

export function CaseBriefList({ cases }: { cases: CaseBrief[] }) {
  return (
    <List
      size="small"
      dataSource={cases}
      renderItem={(c) => (
        <List.Item key={c.id}>
          <Space size={8} wrap>
            <Link to={`/cases/${c.id}`}>{c.number}</Link>
            <CaseStateTag state={c.state} />
            <span>{c.title}</span>
            <Typography.Text type="secondary">
              {placeOf(c)} · {dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
