// Picks a record of the grid's base data by name, ID number, phone or code (the list's search, in the caller's
// scope; masked as the list shows it). Other records take what is picked — a dispute's party, a case's subjects.
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecords } from './grid-data-api';

export interface PickedRecord {
  id: number;
  name: string;
}

/** The URL segment of each kind the picker offers (as src/domain/grid-data/kinds.ts names them). */
export const PICKER_PATHS = {
  person: 'people',
  household: 'households',
  place: 'places',
  thing: 'things',
  org: 'organisations',
} as const;

export function GridRecordPicker({
  kind,
  onPick,
  testId,
}: {
  kind: keyof typeof PICKER_PATHS;
  onPick: (record: PickedRecord) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const path = PICKER_PATHS[kind];
  const records = useRecords(path, { q: q.trim() || undefined, limit: 10 });
  const mask = (v: unknown) => (typeof v === 'string' && v ? v : '');
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('从网格底数选择')}
      value={null}
      loading={records.isFetching}
      notFoundContent={t('无匹配记录')}
      options={(records.data?.items ?? []).map((r) => ({
        value: r.id,
        label: [r.name, mask(r.fields.idNumber) || mask(r.fields.phone), r.gridName].filter(Boolean).join(' · '),
      }))}
      onChange={(id: number) => {
        const record = records.data?.items.find((r) => r.id === id);
        if (record) onPick({ id: record.id, name: record.name });
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
