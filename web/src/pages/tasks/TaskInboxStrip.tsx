// The unit's tasks beside its cases in 我的待办: one line of box counts, each opening 任务督办 on that box.
import { CarryOutOutlined } from '@ant-design/icons';
import { Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth';
import { useTaskInbox } from './task-api';

const ITEMS = [
  { box: 'to_sign', label: '待签收任务' },
  { box: 'in_progress', label: '办理中任务' },
  { box: 'overdue', label: '逾期任务', alarm: true },
  { box: 'assigned', label: '我交办的' },
  { box: 'supervising', label: '督办中任务', alarm: true },
] as const;

export function TaskInboxStrip() {
  const { t } = useTranslation();
  const can = useCan();
  const counts = useTaskInbox();
  if (!can('task.read') || !counts.data) return null;
  const boxes = counts.data.boxes;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: '6px 12px' } }}
      data-testid="task-inbox-strip"
    >
      <Space wrap>
        <span>
          <CarryOutOutlined /> {t('任务督办')}
        </span>
        {ITEMS.map((i) => (
          <Link key={i.box} to={`/tasks?box=${i.box}`} data-testid={`task-strip-${i.box}`}>
            <Tag color={'alarm' in i && boxes[i.box] > 0 ? 'red' : boxes[i.box] > 0 ? 'blue' : 'default'}>
              {t(i.label)} {boxes[i.box]}
            </Tag>
          </Link>
        ))}
      </Space>
    </Card>
  );
}
