// 志愿服务时长证明: a volunteer's record as a printable page (the browser prints it to paper or PDF) — name, village,
// teams, total hours and each activity served with its organiser and hours. Staff reach it from the roster, the
// volunteer from the phone.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { VolunteerRecord } from './volunteer-api';

export default function CertificatePage({ mine = false }: { mine?: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const record = useQuery({
    queryKey: ['volunteers', 'record', mine ? 'me' : id],
    queryFn: () => api<VolunteerRecord>(mine ? '/api/volunteers/my/record' : `/api/volunteers/people/${id}/record`),
  });
  if (record.isLoading) return <Skeleton active />;
  if (record.error) return <Alert type="error" showIcon title={errorMessage(record.error)} />;
  const r = record.data as VolunteerRecord;
  return (
    <div style={{ maxWidth: 760, margin: '0 auto', background: '#fff', padding: 24 }} data-testid="certificate">
      <style>{'@media print { .gz-no-print { display: none !important; } }'}</style>
      <div className="gz-no-print" style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button onClick={() => window.print()}>{t('打印 / 存为 PDF')}</Button>
      </div>
      <h2 style={{ textAlign: 'center', letterSpacing: 4 }}>{t('志愿服务时长证明')}</h2>
      <p style={{ lineHeight: 2, fontSize: 15 }}>
        {t('兹证明')} <strong>{r.volunteer.name}</strong>
        {r.volunteer.village ? `（${r.volunteer.village}）` : ''}
        {t('于')} {dayjs(r.volunteer.registeredAt).format('YYYY年M月D日')} {t('注册为志愿者')}
        {r.teams.length > 0 ? `，${t('参加')}${r.teams.map((x) => x.name).join('、')}` : ''}，{t('累计参加志愿服务')}{' '}
        <strong>{r.activities.length}</strong> {t('次，服务时长')}{' '}
        <strong data-testid="certificate-hours">{r.totalHours}</strong> {t('小时')}。
      </p>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.activities}
        columns={[
          { title: t('日期'), dataIndex: 'date', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
          { title: t('活动'), dataIndex: 'title' },
          { title: t('组织单位'), dataIndex: 'organiser' },
          { title: t('时长（小时）'), dataIndex: 'hours', width: 110 },
        ]}
      />
      <p style={{ textAlign: 'right', marginTop: 32 }}>
        {t('开具日期')}：{dayjs().format('YYYY年M月D日')}
      </p>
    </div>
  );
}
