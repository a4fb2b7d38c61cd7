// One service on the phone, without signing in: what it is, the materials to bring, the legal time limit, a
// chain's steps, and the stations that handle or take it in (代办), nearest first — measured from the phone's
// location when the resident allows it, otherwise from the village they pick (or, signed in, their own).
import { ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, List, Select, Skeleton, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { distanceText, type PublicItem } from './service-api';

type Place = { lat: number; lng: number } | 'asking' | 'denied';

/** The phone's position, if the resident allows it (a few seconds at most). */
function usePhonePlace(): Place {
  const [place, setPlace] = useState<Place>('asking');
  useEffect(() => {
    if (!navigator.geolocation) {
      setPlace('denied');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => setPlace({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => setPlace('denied'),
      { timeout: 5000, maximumAge: 600_000 },
    );
  }, []);
  return place;
}

export default function ServiceGuidePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const place = usePhonePlace();
  const [villageId, setVillageId] = useState<number | undefined>();
  const point = typeof place === 'object' ? place : undefined;
  const guide = useQuery({
    queryKey: ['service-items-public', 'item', id, point?.lat, point?.lng, villageId],
    queryFn: () =>
      api<PublicItem>(`/api/service-items/public/items/${id}`, {
        query: { lat: point?.lat, lng: point?.lng, villageId },
      }),
    enabled: place !== 'asking',
  });
  const villages = useQuery({
    queryKey: ['service-items-public', 'villages'],
    queryFn: () =>
      api<{ towns: { id: number; name: string; villages: { id: number; name: string }[] }[] }>('/api/public/villages'),
    enabled: place === 'denied',
  });
  const data = guide.data;
  return (
    <div>
      <div className="gz-mobile-header">
        <Link to="/board/services" style={{ color: '#fff', fontSize: 13 }}>
          ‹ {t('便民服务')}
        </Link>
        <Typography.Title level={4} style={{ color: '#fff', margin: '4px 0 0' }} data-testid="guide-title">
          {data?.item.name ?? ''}
        </Typography.Title>
        {data && (
          <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
            {data.item.department} · {t('法定时限 {{n}} 个工作日', { n: data.item.legalLimitDays })}
          </div>
        )}
      </div>
      <div className="gz-m-page">
        {(place === 'asking' || guide.isLoading) && <Skeleton active />}
        {guide.error && <Alert type="warning" showIcon title={errorMessage(guide.error)} />}
        {data && (
          <>
            {data.item.description && (
              <Typography.Paragraph type="secondary">{data.item.description}</Typography.Paragraph>
            )}
            <Typography.Title level={5}>{t('需要带的材料')}</Typography.Title>
            <ol className="gz-m-list-item" style={{ paddingLeft: 28, margin: 0 }} data-testid="guide-materials">
              {data.item.materials.map((m) => (
                <li key={m} style={{ padding: '3px 0' }}>
                  {m}
                </li>
              ))}
            </ol>
            {data.item.kind === 'chain' && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('一链办理：一次提交，以下事项一起办')}
                </Typography.Title>
                <Steps
                  direction="vertical"
                  size="small"
                  current={-1}
                  items={data.item.chainSteps.map((s) => ({
                    title: s.name,
                    description: t('法定时限 {{n}} 个工作日', { n: s.legalLimitDays }),
                  }))}
                />
              </>
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('在哪里办')}
            </Typography.Title>
            {data.origin.basis === 'location' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('按您当前位置由近及远排列')}
              </Typography.Text>
            )}
            {data.origin.basis === 'village' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="guide-origin">
                {t('按{{name}}的位置由近及远排列', { name: data.origin.village?.name })}
              </Typography.Text>
            )}
            {place === 'denied' && (
              <div style={{ margin: '8px 0' }}>
                <Select
                  showSearch
                  allowClear
                  style={{ width: '100%' }}
                  placeholder={t('未能定位：选择您所在的村（社区），为您找最近的办理点')}
                  optionFilterProp="label"
                  value={villageId}
                  onChange={setVillageId}
                  options={villages.data?.towns.flatMap((town) =>
                    town.villages.map((v) => ({ value: v.id, label: `${town.name} ${v.name}` })),
                  )}
                  data-testid="guide-village"
                />
              </div>
            )}
            {data.stations.length === 0 && <Empty description={t('本县暂无站点办理该事项，请到县行政服务中心办理')} />}
            <List
              dataSource={data.stations}
              renderItem={(s, i) => (
                <div className="gz-m-list-item" data-testid="guide-station">
                  <div style={{ fontWeight: 600 }}>
                    {i === 0 && data.origin.basis !== 'none' && (
                      <Tag color="red" data-testid="nearest-tag">
                        {t('最近')}
                      </Tag>
                    )}
                    {s.name}
                    {s.distanceM !== null && (
                      <span style={{ fontWeight: 400, color: '#8c8c8c', marginLeft: 6 }}>
                        {distanceText(s.distanceM)}
                      </span>
                    )}
                  </div>
                  <div style={{ marginTop: 4 }}>
                    {s.handling === 'handled' ? (
                      <Tag color="blue">{t('可直接办理')}</Tag>
                    ) : (
                      <Tag color="green">{t('代办：材料交站点，代办员帮您办')}</Tag>
                    )}
                  </div>
                  <div style={{ fontSize: 13, color: '#595959', marginTop: 4 }}>
                    <EnvironmentOutlined /> {s.address || s.orgName}
                  </div>
                  <div style={{ fontSize: 13, color: '#595959' }}>
                    <ClockCircleOutlined /> {s.hours}
                  </div>
                  {s.phone && (
                    <div style={{ fontSize: 13 }}>
                      <PhoneOutlined /> <a href={`tel:${s.phone}`}>{s.phone}</a>
                    </div>
                  )}
                  {s.staff.length > 0 && (
                    <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 2 }}>
                      {s.staff.map((m) => `${m.name}（${m.duty}）`).join('、')}
                    </div>
                  )}
                </div>
              )}
            />
          </>
        )}
      </div>
    </div>
  );
}
