// 我的双报到 on the phone: the in-service member registers with the community they live in (naming their unit);
// once the community confirms, the community's needs appear with 认领, and what they claimed with 完成并记录 (hours
// and result) and, later, the community's rating. 物业评价: the resident rates a compound's property service, once
// a month.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Empty, Input, Rate, Segmented, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { NeedActions } from './NeedActions';
import {
  type Community,
  type MemberView,
  NEED_KIND_LABELS,
  NEED_STATES,
  type NeedView,
  REGISTRATION_STATES,
  starText,
} from './party-service-api';

interface MyView {
  registrations: MemberView[];
  needs: NeedView[];
  communities: Community[];
  unitNames: string[];
}

function RegisterForm({ data }: { data: MyView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [villageId, setVillageId] = useState<number | undefined>();
  const [name, setName] = useState('');
  const [unitName, setUnitName] = useState('');
  const [branch, setBranch] = useState('');
  const register = useMutation({
    mutationFn: () =>
      api('/api/party/service/my/registrations', { method: 'POST', body: { villageId, name, unitName, branch } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-service', 'my'] }),
  });
  return (
    <div className="gz-m-card" data-testid="register-form">
      <div className="gz-m-card-title">{t('到社区报到')}</div>
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t('社区')}
        style={{ width: '100%', marginBottom: 8 }}
        value={villageId}
        onChange={setVillageId}
        options={data.communities.map((c) => ({ value: c.id, label: `${c.townName ?? ''} ${c.name}` }))}
      />
      <Input
        placeholder={t('姓名')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={50}
        style={{ marginBottom: 8 }}
      />
      <AutoComplete
        placeholder={t('工作单位')}
        value={unitName}
        onChange={setUnitName}
        options={data.unitNames.map((u) => ({ value: u }))}
        filterOption={(input, option) => (option?.value ?? '').includes(input)}
        style={{ width: '100%', marginBottom: 8 }}
      />
      <Input placeholder={t('所在党组织')} value={branch} onChange={(e) => setBranch(e.target.value)} maxLength={100} />
      {register.error && <div className="gz-m-field-error">{errorMessage(register.error)}</div>}
      <Button
        type="primary"
        block
        style={{ marginTop: 8 }}
        disabled={!villageId || !name.trim() || !unitName.trim()}
        loading={register.isPending}
        onClick={() => register.mutate()}
      >
        {t('提交')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('报到后由社区确认，确认后可认领社区发布的需求')}
      </Typography.Paragraph>
    </div>
  );
}

function NeedCard({ need }: { need: NeedView }) {
  const { t } = useTranslation();
  return (
    <div className="gz-m-card" data-testid={`my-need-${need.id}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <b>
          <Tag>{t(NEED_KIND_LABELS[need.kind] ?? need.kind)}</Tag>
          {need.title}
        </b>
        <Tag color={NEED_STATES[need.state]?.color} data-testid="my-need-state">
          {t(NEED_STATES[need.state]?.label ?? need.state)}
        </Tag>
      </div>
      <div style={{ fontSize: 13, color: '#666', margin: '6px 0' }}>
        {need.villageName} · {t('完成期限')} {need.dueOn}
        {need.beneficiary ? ` · ${need.beneficiary}` : ''}
      </div>
      {need.description && <div style={{ fontSize: 13, marginBottom: 6 }}>{need.description}</div>}
      {need.hours !== null && (
        <div style={{ fontSize: 13 }}>
          {need.hours} {t('小时')} · {need.result}
        </div>
      )}
      {need.rating !== null && (
        <div style={{ color: '#d48806' }} data-testid="my-need-rating">
          {starText(need.rating)} {need.ratingComment}
        </div>
      )}
      <NeedActions need={need} mine block />
    </div>
  );
}

function CompoundRatings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['party-ratings', 'my'],
    queryFn: () =>
      api<{
        month: string;
        items: {
          id: number;
          name: string;
          villageName: string;
          companyName: string;
          myStars: number | null;
          latest: { stars: number | null } | null;
        }[];
      }>('/api/party/ratings/my/compounds'),
  });
  const [stars, setStars] = useState<Record<number, number>>({});
  const rate = useMutation({
    mutationFn: (id: number) =>
      api(`/api/party/ratings/my/compounds/${id}/ratings`, { method: 'POST', body: { stars: stars[id] } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-ratings', 'my'] }),
  });
  if (list.isLoading) return <Skeleton active />;
  if (list.error) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  return (
    <>
      {rate.error && <Alert type="error" showIcon title={errorMessage(rate.error)} style={{ marginBottom: 8 }} />}
      {(list.data?.items ?? []).map((c) => (
        <div className="gz-m-card" key={c.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <b>{c.name}</b>
            <span style={{ color: '#d48806' }}>{starText(c.latest?.stars)}</span>
          </div>
          <div style={{ fontSize: 13, color: '#666', marginBottom: 6 }}>
            {c.villageName} · {c.companyName}
          </div>
          {c.myStars ? (
            <Tag color="green">
              {t('本月已评价')} {starText(c.myStars)}
            </Tag>
          ) : (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Rate value={stars[c.id] ?? 0} onChange={(v) => setStars({ ...stars, [c.id]: v })} />
              <Button
                size="small"
                type="primary"
                disabled={!stars[c.id]}
                loading={rate.isPending}
                onClick={() => rate.mutate(c.id)}
              >
                {t('提交评价')}
              </Button>
            </div>
          )}
        </div>
      ))}
    </>
  );
}

export default function MyPartyServicePage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'needs' | 'mine' | 'register' | 'property'>('needs');
  const my = useQuery({ queryKey: ['party-service', 'my'], queryFn: () => api<MyView>('/api/party/service/my') });
  const confirmed = my.data?.registrations.some((r) => r.state === 'confirmed') ?? false;
  const open = (my.data?.needs ?? []).filter((n) => n.state === 'published');
  const mine = (my.data?.needs ?? []).filter((n) => n.claimedByMe);
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-party-service-title">
          {t('我的双报到')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {(my.data?.registrations ?? [])
            .map((r) => `${r.villageName}（${t(REGISTRATION_STATES[r.state]?.label ?? r.state)}）`)
            .join('、')}
        </div>
      </div>
      <div className="gz-m-page">
        <Segmented
          block
          value={tab}
          onChange={(v) => setTab(v as typeof tab)}
          options={[
            { value: 'needs', label: t('社区需求') },
            { value: 'mine', label: t('我的认领') },
            { value: 'register', label: t('我的报到') },
            { value: 'property', label: t('物业评价') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="my-party-tabs"
        />
        {my.isLoading && <Skeleton active />}
        {my.error && <Alert type="error" showIcon title={errorMessage(my.error)} />}
        {my.data && tab === 'needs' && (
          <>
            {!confirmed && (
              <Alert
                type="info"
                showIcon
                title={t('报到后由社区确认，确认后可认领社区发布的需求')}
                style={{ marginBottom: 8 }}
              />
            )}
            {open.length === 0 && confirmed && <Empty description={t('暂无数据')} />}
            {open.map((n) => (
              <NeedCard key={n.id} need={n} />
            ))}
          </>
        )}
        {my.data &&
          tab === 'mine' &&
          (mine.length ? mine.map((n) => <NeedCard key={n.id} need={n} />) : <Empty description={t('暂无数据')} />)}
        {my.data && tab === 'register' && (
          <>
            {my.data.registrations.map((r) => (
              <div className="gz-m-card" key={r.id}>
                <b>{r.villageName}</b>{' '}
                <Tag color={REGISTRATION_STATES[r.state]?.color}>
                  {t(REGISTRATION_STATES[r.state]?.label ?? r.state)}
                </Tag>
                <div style={{ fontSize: 13, color: '#666' }}>
                  {r.name} · {r.unitName} {r.branch ? `· ${r.branch}` : ''}
                </div>
              </div>
            ))}
            <RegisterForm data={my.data} />
          </>
        )}
        {tab === 'property' && <CompoundRatings />}
      </div>
    </div>
  );
}
