// 今日任务: the grid worker's day on a phone — cases to accept, verify or settle (网格办小事 / 上报 / 吹哨),
// the departments summoned by a whistle and whether they have reported, what the grid settled lately, the patrol.
// The grid worker's first page on a phone (issue 22): plain headings and lines rather than antd's Typography, which
// brings the text editor and tooltips with it.
import { AimOutlined, CameraOutlined, ClockCircleOutlined, RightOutlined, SoundOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Empty, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCurrentUser } from '../../auth';
import { CASE_STATUS_LABELS } from '../../labels';
import { useSystemNow } from '../../layout/system-clock';
import type { Patrol, StaffCase, StaffCaseItem } from '../citizen/citizen-types';
import { TodayScreening } from '../screenings/TodayScreening';
import '../citizen/mobile.css';

const CLOCK_COLORS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

export function useBox(box: string, extra: Record<string, string | number> = {}) {
  return useQuery({
    queryKey: ['cases', 'box', box, extra],
    queryFn: () =>
      api<{ items: StaffCaseItem[]; total: number }>('/api/cases', { query: { box, pageSize: 20, ...extra } }),
    refetchInterval: 60_000,
  });
}

function CaseRow({ c }: { c: StaffCaseItem }) {
  const { t } = useTranslation();
  return (
    <Link to={`/grid/cases/${c.id}`} className="gz-m-list-item" data-testid="grid-case">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <strong className="gz-m-ellipsis">
          {c.urgency === 'urgent' && <Tag color="red">{t('紧急')}</Tag>}
          {c.title}
        </strong>
        <RightOutlined style={{ color: '#c9cdd4', flex: 'none', marginTop: 4 }} />
      </div>
      <div className="gz-m-muted" style={{ marginTop: 4, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span>
          {c.number} · {t(CASE_STATUS_LABELS[c.state] ?? c.state)}
        </span>
        {c.nextDueAt && (
          <Tag color={CLOCK_COLORS[c.clock ?? 'green']} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            {dayjs(c.nextDueAt).format('MM-DD HH:mm')}
          </Tag>
        )}
      </div>
    </Link>
  );
}

function Box({ title, box, hint, testId }: { title: string; box: string; hint: string; testId: string }) {
  const { t } = useTranslation();
  const { data, isLoading, error } = useBox(box);
  return (
    <div className="gz-m-card" data-testid={testId}>
      <div className="gz-m-card-title">
        <span>
          {t(title)} <Badge count={data?.total ?? 0} showZero color={data?.total ? '#b7282e' : '#c9cdd4'} />
        </span>
        <span className="gz-m-muted">{t(hint)}</span>
      </div>
      {error && <Alert type="warning" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
      {data && data.items.length === 0 && <div className="gz-m-muted">{t('暂无')}</div>}
      {data?.items.map((c) => (
        <CaseRow key={c.id} c={c} />
      ))}
    </div>
  );
}

/** Whistles this grid blew on its open cases, and which summoned units have reported for duty. */
function Whistles() {
  const { t } = useTranslation();
  const pending = useBox('to_dispatch');
  const verifying = useBox('to_verify');
  const ids = [...(pending.data?.items ?? []), ...(verifying.data?.items ?? [])].slice(0, 15).map((c) => c.id);
  const details = useQueries({
    queries: ids.map((id) => ({ queryKey: ['case', id], queryFn: () => api<StaffCase>(`/api/cases/${id}`) })),
  });
  const whistled = details.flatMap((d) => (d.data?.whistles.length ? [d.data] : []));
  return (
    <div className="gz-m-card" data-testid="grid-whistles">
      <div className="gz-m-card-title">
        <span>
          <SoundOutlined /> {t('吹哨报到')}
        </span>
        <span className="gz-m-muted">{t('召集的部门是否已报到')}</span>
      </div>
      {whistled.length === 0 && <div className="gz-m-muted">{t('暂无')}</div>}
      {whistled.map((c) => {
        const summons = c.whistles.flatMap((w) => w.summons);
        const done = summons.filter((s) => s.checkedInAt).length;
        return (
          <Link key={c.id} to={`/grid/cases/${c.id}`} className="gz-m-list-item">
            <strong className="gz-m-ellipsis">{c.title}</strong>
            <div style={{ marginTop: 4 }}>
              <Tag color={done === summons.length ? 'green' : 'orange'}>
                {t('已报到 {{done}}/{{all}}', { done, all: summons.length })}
              </Tag>
              {summons.map((s) => (
                <Tag key={s.orgId} color={s.checkedInAt ? 'green' : 'default'}>
                  {s.orgName}
                </Tag>
              ))}
            </div>
          </Link>
        );
      })}
    </div>
  );
}

function PatrolCard() {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['patrol', 'current'],
    queryFn: () => api<{ patrol: Patrol | null }>('/api/patrols/current'),
  });
  const patrol = data?.patrol;
  return (
    <div className="gz-m-card" data-testid="grid-patrol-card">
      <div className="gz-m-card-title">
        <span>
          <AimOutlined /> {t('巡查')}
        </span>
        {patrol && <Tag color="processing">{t('巡查中')}</Tag>}
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <Link to="/grid/patrol" style={{ flex: 1 }}>
          <Button type={patrol ? 'default' : 'primary'} block data-testid="go-patrol">
            {patrol ? t('继续巡查（已记录 {{n}} 个点）', { n: patrol.pointCount }) : t('开始今日巡查')}
          </Button>
        </Link>
        <Link to="/grid/report" style={{ flex: 1 }}>
          <Button block icon={<CameraOutlined />} data-testid="go-snap">
            {t('随手拍')}
          </Button>
        </Link>
      </div>
    </div>
  );
}

function Recent() {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['cases', 'recent-done'],
    queryFn: () =>
      api<{ items: StaffCaseItem[]; total: number }>('/api/cases', { query: { state: 'replied', pageSize: 5 } }),
  });
  return (
    <div className="gz-m-card" data-testid="grid-recent">
      <div className="gz-m-card-title">
        <span>{t('已办结待回访')}</span>
        <span className="gz-m-muted">{t('含网格办小事')}</span>
      </div>
      {data && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无')} />}
      {data?.items.map((c) => (
        <CaseRow key={c.id} c={c} />
      ))}
    </div>
  );
}

export default function GridTodayPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const now = useSystemNow();
  return (
    <div>
      <div className="gz-mobile-header">
        <h4 className="gz-m-title" data-testid="grid-today">
          {t('今日任务')}
        </h4>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {me.org?.name} · {me.displayName}
          {now ? ` · ${now.format(t('M月D日'))}` : ''}
        </div>
      </div>
      <div className="gz-m-page">
        <PatrolCard />
        <TodayScreening />
        <Box title="待核实" box="to_verify" hint="到现场核实群众反映" testId="box-to_verify" />
        <Box title="待受理" box="to_accept" hint="网格上报的事项" testId="box-to_accept" />
        <Box title="待处置" box="to_dispatch" hint="办小事、上报或吹哨" testId="box-to_dispatch" />
        <Whistles />
        <Recent />
      </div>
    </div>
  );
}
