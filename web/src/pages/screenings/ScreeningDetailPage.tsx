// One screening: its unit, period and due time, its status (red when missed), and either its record (what was
// found and the case or dispute each finding became) or, for the unit's own staff, the form to record it.
import { Alert, Card, Descriptions, List, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { Photos } from '../citizen/CasePhotos';
import { ScreeningForm } from './ScreeningForm';
import { STATUS_COLOURS, useScreening } from './screening-api';

export default function ScreeningDetailPage() {
  const { t } = useTranslation();
  const taskId = Number(useParams().taskId);
  const { data: s, isLoading, error } = useScreening(taskId);
  if (isLoading) return <Skeleton active />;
  if (error || !s) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <>
      <PageTitle title={`${s.org.name} · ${t(s.cadenceLabel)}${t('排查')}（${s.periodLabel}）`} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('层级')}>{t(s.levelLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('截止')}>{dayjs(s.dueAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('状态')}>
            <Tag color={STATUS_COLOURS[s.status]} data-testid="screening-detail-status">
              {t(s.statusLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="任务">
            <Link to={`/tasks/${s.taskId}`}>{s.taskNumber}</Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {s.record ? (
        <Card size="small" title={t('排查记录')} data-testid="screening-record">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('填报人')}>{s.record.recordedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('填报时间')}>
              {dayjs(s.record.recordedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('位置')}>
              {s.record.lat != null ? `${s.record.lat.toFixed(5)}, ${s.record.lng?.toFixed(5)}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ marginBottom: 8 }}>
            {s.record.checklist.map((c) => (
              <Tag key={c.key} color={c.found ? 'orange' : 'green'}>
                {t(c.label)}：{c.found ? t('发现问题') : t('未发现问题')}
                {c.note ? `（${c.note}）` : ''}
              </Tag>
            ))}
          </div>
          {s.record.nothingFound ? (
            <Tag color="green">{t('未发现问题')}</Tag>
          ) : (
            <List
              size="small"
              dataSource={s.record.findings}
              renderItem={(f) => (
                <List.Item data-testid="screening-finding">
                  <Tag>{t(f.itemLabel)}</Tag> {f.summary} →{' '}
                  {f.caseId ? (
                    <Link to={`/cases/${f.caseId}`} data-testid="finding-case-link">
                      {f.caseNumber}
                    </Link>
                  ) : (
                    <Link to={`/disputes/${f.disputeId}`}>{f.disputeNumber}</Link>
                  )}
                </List.Item>
              )}
            />
          )}
          {s.record.note && <p style={{ marginTop: 8 }}>{s.record.note}</p>}
          <Photos ids={s.record.attachmentIds} />
        </Card>
      ) : s.canRecord ? (
        <ScreeningForm screening={s} fallbackLocation={null} />
      ) : null}
    </>
  );
}
