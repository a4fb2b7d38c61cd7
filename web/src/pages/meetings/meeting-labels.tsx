// How meeting states, attendance and agenda kinds look (the API sends the Chinese labels; the colours live here).
import { Alert, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';

const STATE_COLOURS: Record<string, string> = { draft: 'gold', held: 'blue', published: 'green', cancelled: 'default' };

export const STATE_OPTIONS = [
  { value: 'draft', label: '筹备中' },
  { value: 'held', label: '已召开' },
  { value: 'published', label: '纪要已发布' },
  { value: 'cancelled', label: '已取消' },
];

export const ATTENDANCE_OPTIONS = [
  { value: 'present', label: '出席' },
  { value: 'substitute', label: '委托出席' },
  { value: 'absent', label: '缺席' },
] as const;

export const ITEM_KIND_COLOURS: Record<string, string> = {
  case: 'volcano',
  decision: 'purple',
  hotspot: 'orange',
  task: 'red',
  dispute: 'magenta',
  free: 'default',
};

export function MeetingStateTag({ state, label }: { state: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="meeting-state">
      {t(label)}
    </Tag>
  );
}

/** An agenda item's heading: 议题N, what kind of matter, its title. */
export function ItemHeading({ item }: { item: { no: number; kind: string; kindLabel: string; title: string } }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <b>
        {t('议题')}
        {item.no}
      </b>
      <Tag color={ITEM_KIND_COLOURS[item.kind]}>{t(item.kindLabel)}</Tag>
      <span style={{ fontWeight: 'normal' }}>{item.title}</span>
    </Space>
  );
}

/** Why the last change was refused (the server's message). */
export function ChangeError({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} data-testid={testId} />;
}
