// 志愿者名册: the volunteers of the villages in scope (or members of the units' teams) with their hours; each
// links to the printable record of hours.
import { useQuery } from '@tanstack/react-query';
import { Alert, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { VolunteerItem } from './volunteer-api';

export default function PeoplePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['volunteers', 'people', q],
    queryFn: () => api<{ items: VolunteerItem[] }>('/api/volunteers/people', { query: { q: q || undefined } }),
  });
  return (
    <>
      <Input.Search placeholder={t('按姓名查找')} allowClear onSearch={setQ} style={{ width: 240, marginBottom: 12 }} />
      {people.error && <Alert type="error" showIcon title={errorMessage(people.error)} />}
      <Table<VolunteerItem>
        rowKey="id"
        size="middle"
        loading={people.isLoading}
        dataSource={people.data?.items ?? []}
        data-testid="people-table"
        columns={[
          { title: t('姓名'), dataIndex: 'name' },
          { title: t('手机'), dataIndex: 'phone', width: 130 },
          { title: t('所在村（社区）'), dataIndex: ['village', 'name'] },
          { title: t('特长'), dataIndex: 'skills', render: (s: string[]) => s.join('、') },
          { title: t('服务时长（小时）'), dataIndex: 'hours', width: 140 },
          {
            title: '',
            width: 120,
            render: (_: unknown, r) => <Link to={`/volunteers/people/${r.id}/certificate`}>{t('服务证明')}</Link>,
          },
        ]}
      />
    </>
  );
}
