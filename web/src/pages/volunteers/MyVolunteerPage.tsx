// 志愿服务 on the phone: register (name, skills, village), join open teams, the activities taking sign-ups with
// places left, sign up or withdraw, and on the day check in and out on site (the phone's location is sent; the
// server checks time and distance), the hours credited and the printable certificate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Segmented, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import CertificatePage from './CertificatePage';
import { ACTIVITY_STATE_COLORS, type ActivityListItem, type MyVolunteering, type TeamItem } from './volunteer-api';

const KEY = ['volunteers', 'mine'];
const when = (a: ActivityListItem) => `${dayjs(a.startsAt).format('MM-DD HH:mm')}–${dayjs(a.endsAt).format('HH:mm')}`;

/** The phone's position, or null when the user refuses or the browser cannot tell (the server then explains). */
function position(): Promise<{ lat: number; lng: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 8000 },
    );
  });
}

function RegisterForm({ data }: { data: MyVolunteering }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(data.volunteer?.name ?? '');
  const [skills, setSkills] = useState<string[]>(data.volunteer?.skills ?? []);
  const [villageId, setVillageId] = useState<number | undefined>(data.volunteer?.village?.id);
  const villages = useQuery({
    queryKey: ['volunteers', 'villages'],
    queryFn: () => api<{ items: { id: number; name: string; town: string }[] }>('/api/volunteers/my/villages'),
  });
  const save = useMutation({
    mutationFn: () =>
      api('/api/volunteers/my/profile', { method: 'PUT', body: { name, skills, villageId: villageId ?? null } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['volunteers'] }),
  });
  return (
    <div className="gz-m-card" data-testid="volunteer-register">
      <div className="gz-m-card-title">{data.volunteer ? t('我的资料') : t('注册志愿者')}</div>
      <Input
        placeholder={t('姓名')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="volunteer-name"
      />
      <Select
        mode="tags"
        placeholder={t('特长（如 急救、驾驶、水电维修）')}
        value={skills}
        onChange={setSkills}
        style={{ width: '100%', marginBottom: 8 }}
        tokenSeparators={[',', '，', '、']}
      />
      <Select
        showSearch
        allowClear
        placeholder={t('所在村（社区）；积分户按户籍自动匹配')}
        value={villageId}
        onChange={setVillageId}
        optionFilterProp="label"
        style={{ width: '100%' }}
        options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.town} ${v.name}` }))}
      />
      {save.error && <div className="gz-m-field-error">{errorMessage(save.error)}</div>}
      <Button
        type="primary"
        block
        style={{ marginTop: 8 }}
        disabled={!name.trim()}
        loading={save.isPending}
        onClick={() => save.mutate()}
        data-testid="volunteer-save"
      >
        {data.volunteer ? t('保存') : t('注册')}
      </Button>
    </div>
  );
}

function Teams({ data }: { data: MyVolunteering }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const teams = useQuery({
    queryKey: ['volunteers', 'my-teams'],
    queryFn: () => api<{ items: TeamItem[] }>('/api/volunteers/my/teams'),
  });
  const toggle = useMutation({
    mutationFn: (v: { id: number; join: boolean }) =>
      api(`/api/volunteers/my/teams/${v.id}/${v.join ? 'join' : 'leave'}`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['volunteers'] }),
  });
  return (
    <>
      {toggle.error && <Alert type="error" showIcon title={errorMessage(toggle.error)} />}
      {(teams.data?.items ?? []).map((team) => {
        const member = data.teamIds.includes(team.id);
        return (
          <div key={team.id} className="gz-m-list-item">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{team.name}</strong>
              <Button
                size="small"
                type={member ? 'default' : 'primary'}
                onClick={() => toggle.mutate({ id: team.id, join: !member })}
              >
                {member ? t('退出') : t('加入')}
              </Button>
            </div>
            <div className="gz-m-muted" style={{ fontSize: 12 }}>
              {team.unit.name} · {team.members} {t('人')}
            </div>
          </div>
        );
      })}
    </>
  );
}

function ActivityCard({ a, signup }: { a: ActivityListItem; signup?: MyVolunteering['signups'][number] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const call = useMutation({
    mutationFn: async (verb: 'sign-up' | 'cancel' | 'check-in' | 'check-out') => {
      const body = verb === 'check-in' || verb === 'check-out' ? ((await position()) ?? {}) : undefined;
      return api<{
        hours?: number;
        credited?: boolean;
        points?: { status: string; points?: number; reason?: string } | null;
      }>(`/api/volunteers/my/activities/${a.id}/${verb}`, { method: 'POST', body });
    },
    onSuccess: (r, verb) => {
      if (verb === 'check-out' && r.hours !== undefined) {
        const pts = r.points?.status === 'posted' ? `，${t('文明积分')} +${r.points.points}` : '';
        setNotice(`${t('已签退，本次服务')} ${r.hours} ${t('小时')}${pts}`);
      }
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
    },
  });
  const signed = signup?.state === 'signed';
  return (
    <div className="gz-m-list-item" data-testid="my-activity">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <strong>{a.title}</strong>
        <Tag color={ACTIVITY_STATE_COLORS[a.state]}>{t(a.stateLabel)}</Tag>
      </div>
      <div className="gz-m-muted" style={{ fontSize: 12 }}>
        {when(a)} · {a.place}
      </div>
      <div className="gz-m-muted" style={{ fontSize: 12 }}>
        {a.organiser.name} · {t('名额')} {a.signedUp}/{a.capacity}
        {a.skills.length ? ` · ${t('需要')}${a.skills.join('、')}` : ''}
      </div>
      {a.state === 'cancelled' && (
        <Alert type="warning" showIcon style={{ marginTop: 6 }} title={`${t('活动已取消')}：${a.cancelReason ?? ''}`} />
      )}
      {signup?.hours !== null && signup?.hours !== undefined && (
        <div style={{ marginTop: 4 }} data-testid="my-activity-hours">
          {t('服务时长')} {signup.hours} {t('小时')}
          {signup.points ? ` · ${signup.points}` : ''}
        </div>
      )}
      {notice && (
        <Alert type="success" showIcon title={notice} style={{ marginTop: 6 }} data-testid="checkout-notice" />
      )}
      {call.error && <div className="gz-m-field-error">{errorMessage(call.error)}</div>}
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        {!signed && a.state === 'open' && (
          <Button
            type="primary"
            size="small"
            disabled={a.placesLeft <= 0}
            loading={call.isPending}
            onClick={() => call.mutate('sign-up')}
            data-testid="signup-button"
          >
            {a.placesLeft <= 0 ? t('名额已满') : t('报名')}
          </Button>
        )}
        {signed && !signup?.checkedInAt && a.state === 'open' && (
          <Button size="small" onClick={() => call.mutate('cancel')} loading={call.isPending}>
            {t('取消报名')}
          </Button>
        )}
        {signed && !signup?.checkedInAt && (a.state === 'open' || a.state === 'running') && (
          <Button
            type="primary"
            size="small"
            onClick={() => call.mutate('check-in')}
            loading={call.isPending}
            data-testid="checkin-button"
          >
            {t('签到')}
          </Button>
        )}
        {signed && signup?.checkedInAt && !signup.checkedOutAt && (
          <Button
            type="primary"
            size="small"
            onClick={() => call.mutate('check-out')}
            loading={call.isPending}
            data-testid="checkout-button"
          >
            {t('签退')}
          </Button>
        )}
        {signup?.checkedInAt && (
          <span className="gz-m-muted" style={{ fontSize: 12, alignSelf: 'center' }} data-testid="checked-in">
            {t('已签到')} {dayjs(signup.checkedInAt).format('HH:mm')}
            {signup.checkedOutAt ? ` · ${t('已签退')} ${dayjs(signup.checkedOutAt).format('HH:mm')}` : ''}
          </span>
        )}
      </div>
    </div>
  );
}

function MyVolunteerHome() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: KEY, queryFn: () => api<MyVolunteering>('/api/volunteers/my') });
  const [tab, setTab] = useState<'open' | 'mine' | 'teams' | 'me'>('open');
  const d = mine.data;
  const signupOf = (id: number) => d?.signups.find((s) => s.activity.id === id);
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-volunteer-title">
          {t('志愿服务')}
        </Typography.Title>
        {d?.volunteer && (
          <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }} data-testid="my-volunteer-hours">
            {d.volunteer.name} · {t('累计服务')} {d.volunteer.hours} {t('小时')}
          </div>
        )}
      </div>
      <div className="gz-m-page">
        {mine.isLoading && <Skeleton active />}
        {mine.error && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
        {d && !d.volunteer && <RegisterForm data={d} />}
        {d?.volunteer && (
          <>
            <Segmented
              block
              value={tab}
              onChange={(v) => setTab(v as typeof tab)}
              options={[
                { value: 'open', label: t('活动报名') },
                { value: 'mine', label: t('我的活动') },
                { value: 'teams', label: t('服务队') },
                { value: 'me', label: t('我的') },
              ]}
              style={{ marginBottom: 12 }}
            />
            {tab === 'open' &&
              (d.open.length === 0 ? (
                <Empty />
              ) : (
                d.open.map((a) => <ActivityCard key={a.id} a={a} signup={signupOf(a.id)} />)
              ))}
            {tab === 'mine' &&
              (d.signups.length === 0 ? (
                <Empty />
              ) : (
                d.signups.map((s) => <ActivityCard key={s.activity.id} a={s.activity} signup={s} />)
              ))}
            {tab === 'teams' && <Teams data={d} />}
            {tab === 'me' && (
              <>
                <RegisterForm data={d} />
                <Link to="/my/volunteer/certificate">
                  <Button block>{t('志愿服务时长证明')}</Button>
                </Link>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export default function MyVolunteerPage() {
  return (
    <Routes>
      <Route index element={<MyVolunteerHome />} />
      <Route path="certificate" element={<CertificatePage mine />} />
    </Routes>
  );
}
