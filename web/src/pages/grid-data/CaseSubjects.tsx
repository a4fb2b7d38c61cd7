// 涉及对象 on the case page (issue 14 §1): the people, households, places, things and organisations of the grid
// base data the case concerns — picked by search, each linking to its record (whose page lists its cases).
import { CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { GridRecordPicker, PICKER_PATHS } from './GridRecordPicker';

interface Subject {
  recordId: number;
  kind: 'person' | 'household' | 'place' | 'thing' | 'organisation';
  name: string;
  category: string | null;
  gridName: string;
  at: string;
}

/**
 * 人、户、地、物、组织: single characters mean other things elsewhere (人 counts party members, …), so their English
 * is looked up with the context 'subject' (keys 人_subject … in the dictionary); Chinese shows the key itself.
 */
const KIND_LABELS: Record<Subject['kind'], string> = {
  person: '人',
  household: '户',
  place: '地',
  thing: '物',
  organisation: '组织',
};
const PICKER_KIND = {
  person: 'person',
  household: 'household',
  place: 'place',
  thing: 'thing',
  organisation: 'org',
} as const;

export function CaseSubjects({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Subject['kind']>('person');
  const key = ['grid-data', 'case-subjects', caseId];
  const subjects = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Subject[] }>(`/api/grid-data/cases/${caseId}/subjects`),
    enabled: can('griddata.read'),
  });
  const change = useMutation({
    mutationFn: (op: { recordId: number; remove?: boolean }) =>
      op.remove
        ? api(`/api/grid-data/cases/${caseId}/subjects/${op.recordId}`, { method: 'DELETE' })
        : api(`/api/grid-data/cases/${caseId}/subjects`, { method: 'POST', body: { recordId: op.recordId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!can('griddata.read')) return null;
  const items = subjects.data?.items ?? [];
  return (
    <Card size="small" title={t('涉及对象')} style={{ marginBottom: 12 }} data-testid="case-subjects">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未关联网格底数中的人、地、物')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              data-testid={`case-subject-${s.recordId}`}
              actions={[
                <Button
                  key="remove"
                  type="text"
                  size="small"
                  icon={<CloseOutlined />}
                  aria-label={t('取消关联')}
                  onClick={() => change.mutate({ recordId: s.recordId, remove: true })}
                />,
              ]}
            >
              <Space size={4} wrap>
                <Tag>{t(KIND_LABELS[s.kind], { context: 'subject' })}</Tag>
                <Link to={`/grid-data/${PICKER_PATHS[PICKER_KIND[s.kind]]}/${s.recordId}`}>{s.name}</Link>
                <Typography.Text type="secondary">
                  {[s.category, s.gridName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setKind(v as Subject['kind'])}
          options={(Object.keys(KIND_LABELS) as Subject['kind'][]).map((k) => ({
            value: k,
            label: t(KIND_LABELS[k], { context: 'subject' }),
          }))}
          data-testid="case-subject-kind"
        />
        <GridRecordPicker
          key={kind}
          kind={PICKER_KIND[kind]}
          onPick={(r) => change.mutate({ recordId: r.id })}
          testId="case-subject-picker"
        />
      </Space>
    </Card>
  );
}
