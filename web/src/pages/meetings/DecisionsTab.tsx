// 决定事项: every decision of the meeting with its tasks as they stand now — owner, clock colour, state, progress —
// each task linking to its page; overdue ones stand out.
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TaskTable } from '../../components/TaskTable';
import type { Meeting } from './meeting-api';

export default function DecisionsTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const decisions = meeting.items.flatMap((item) => item.decisions.map((d, i) => ({ ...d, item, no: i + 1 })));
  const tasks = decisions.flatMap((d) => d.tasks);
  const count = (states: string[]) => tasks.filter((task) => states.includes(task.state)).length;
  if (decisions.length === 0) return <Empty description={t('本次会议尚无决定事项')} />;
  return (
    <>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {[
          { label: '决定事项', value: decisions.length },
          { label: '交办任务', value: tasks.length },
          { label: '办理中', value: count(['pending_sign', 'in_progress']) },
          { label: '已逾期', value: count(['overdue']), danger: true },
          { label: '已完成', value: count(['done']) },
        ].map((s) => (
          <Col key={s.label} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic
                title={t(s.label)}
                value={s.value}
                styles={{ content: s.danger && s.value > 0 ? { color: '#cf1322' } : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {decisions.map((d) => (
        <Card
          key={d.id}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="decision-card"
          title={
            <span style={{ whiteSpace: 'normal' }}>
              {t('议题')}
              {d.item.no} · {t('决定事项')} {d.no}：{d.text}
            </span>
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.item.title}
          </Typography.Text>
          <TaskTable tasks={d.tasks} showSource={false} />
        </Card>
      ))}
    </>
  );
}
