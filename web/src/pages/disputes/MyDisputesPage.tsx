// 在线调解 for citizens (on the phone): the mediations they applied for with their progress in plain words, one
// application with its agreement and the confirmation of performance at the follow-up, and the application
// form (the other party, the matter, the place on the map, evidence photos) — no video call.
import { FileAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, InputNumber, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { Page } from '../../types';
import { MapPicker } from '../citizen/MapPicker';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import '../citizen/mobile.css';
import { type DisputeDetail, type DisputeListItem, STATE_COLOURS, useDisputeTypes } from './dispute-api';

/** What each state means to the applicant. */
const PROGRESS: Record<string, string> = {
  registered: '已提交，等待受理',
  accepted: '已受理，正在安排调解组织',
  mediating: '调解中',
  agreed: '已达成调解协议，请到调解组织签署',
  following_up: '协议已签署，请按约履行；回访时可确认履行情况',
  closed: '已结案',
  failed: '调解未成功',
  rejected: '不予受理',
};

function Header({ title, sub }: { title: string; sub: string }) {
  const { t } = useTranslation();
  return (
    <div className="gz-mobile-header">
      <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
        {t(title)}
      </Typography.Title>
      <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t(sub)}</div>
    </div>
  );
}

function MyList() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['my-disputes'], queryFn: () => api<Page<DisputeListItem>>('/api/my/disputes') });
  return (
    <div>
      <Header title="在线调解" sub="申请人民调解，查看调解进度和调解协议" />
      <div className="gz-m-page">
        <Link to="/my/disputes/apply">
          <Button
            type="primary"
            block
            icon={<FileAddOutlined />}
            style={{ marginBottom: 12 }}
            data-testid="apply-mediation"
          >
            {t('申请调解')}
          </Button>
        </Link>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        {list.isLoading && <Skeleton active />}
        {list.data?.items.length === 0 && (
          <div className="gz-m-card">
            <Empty description={t('您还没有申请过调解')} />
          </div>
        )}
        {list.data?.items.map((d) => (
          <Link
            key={d.id}
            to={`/my/disputes/${d.id}`}
            className="gz-m-card"
            style={{ display: 'block' }}
            data-testid="my-dispute"
          >
            <div style={{ fontWeight: 600 }}>{d.title}</div>
            <Space style={{ marginTop: 4 }}>
              <Tag color={STATE_COLOURS[d.state]}>{t(d.stateLabel)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.number} · {dayjs(d.createdAt).format('YYYY-MM-DD')}
              </Typography.Text>
            </Space>
          </Link>
        ))}
      </div>
    </div>
  );
}

function MyDispute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['my-disputes', id],
    queryFn: () => api<DisputeDetail>(`/api/my/disputes/${id}`),
  });
  const d = query.data;
  const confirm = useMutation({
    mutationFn: (performed: boolean) =>
      api<DisputeDetail>(`/api/my/disputes/${id}/actions`, {
        method: 'POST',
        body: { version: d?.version, action: { type: 'confirmPerformance', performed } },
      }),
    onSuccess: (next) => {
      qc.setQueryData(['my-disputes', id], next);
      void qc.invalidateQueries({ queryKey: ['my-disputes'] });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (query.isLoading) return <Skeleton active />;
  if (!d) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  return (
    <div>
      <Header title={d.title} sub={d.number} />
      <div className="gz-m-page">
        {error && <Alert type="error" showIcon title={error} />}
        <div className="gz-m-card" data-testid="my-dispute-progress">
          <Tag color={STATE_COLOURS[d.state]}>{t(d.stateLabel)}</Tag>
          <div style={{ marginTop: 6 }}>{t(PROGRESS[d.state] ?? '')}</div>
          {d.mediatorOrg && (
            <div style={{ marginTop: 6, color: '#595959' }}>
              {t('调解组织')}：{d.mediatorOrg.name}
            </div>
          )}
        </div>
        {d.agreement && (
          <div className="gz-m-card" data-testid="my-agreement">
            <strong>
              {t('调解协议')} {d.agreement.number}
            </strong>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 6 }}>{d.agreement.terms}</div>
            {d.allowedActions.includes('confirmPerformance') && (
              <Space style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  onClick={() => confirm.mutate(true)}
                  loading={confirm.isPending}
                  data-testid="confirm-performed"
                >
                  {t('对方已履行')}
                </Button>
                <Button danger onClick={() => confirm.mutate(false)} loading={confirm.isPending}>
                  {t('对方未履行')}
                </Button>
              </Space>
            )}
            {d.partyConfirmed !== null && (
              <div style={{ marginTop: 8 }}>{d.partyConfirmed ? t('您已确认协议已履行') : t('您已反映协议未履行')}</div>
            )}
          </div>
        )}
        <div className="gz-m-card">
          {d.history.map((h) => (
            <div key={h.version} style={{ marginBottom: 8 }}>
              <strong>{t(h.label)}</strong>
              <span style={{ color: '#8c8c8c', marginLeft: 8, fontSize: 12 }}>{dayjs(h.at).format('MM-DD HH:mm')}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

interface ApplyValues {
  typeCode: string;
  title: string;
  description?: string;
  applicantName: string;
  otherName: string;
  otherKind: 'person' | 'org';
  otherPhone?: string;
  amount?: number;
}

function Apply() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useDisputeTypes();
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const apply = useMutation({
    mutationFn: (v: ApplyValues) =>
      api<DisputeDetail>('/api/my/disputes', {
        method: 'POST',
        body: {
          typeCode: v.typeCode,
          title: v.title,
          description: v.description,
          applicantName: v.applicantName,
          otherParty: { kind: v.otherKind, name: v.otherName, phone: v.otherPhone || null },
          amount: v.amount,
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
          attachmentIds: photoIds(photos),
        },
      }),
    onSuccess: (d) => navigate(`/my/disputes/${d.id}`),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <div>
      <Header title="申请调解" sub="填写对方当事人和纠纷事由，调解组织受理后会与您联系" />
      <div className="gz-m-page">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form<ApplyValues>
          layout="vertical"
          className="gz-m-card"
          initialValues={{ otherKind: 'person' }}
          onFinish={(v) => {
            if (!point) return setError(t('请在地图上选择纠纷发生的地点'));
            apply.mutate(v);
          }}
        >
          <Form.Item name="typeCode" label={t('纠纷类型')} rules={[{ required: true, message: t('请选择纠纷类型') }]}>
            <Select options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: t(x.name) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('纠纷事由')}
            rules={[{ required: true, whitespace: true, message: t('请填写纠纷事由') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('具体情况和您的请求')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item
            name="applicantName"
            label={t('您的姓名')}
            rules={[{ required: true, whitespace: true, message: t('请填写您的姓名') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('对方当事人')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="otherKind" noStyle>
                <Select
                  style={{ width: 90 }}
                  options={[
                    { value: 'person', label: t('个人') },
                    { value: 'org', label: t('单位') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="otherName"
                noStyle
                rules={[{ required: true, whitespace: true, message: t('请填写对方姓名或名称') }]}
              >
                <Input placeholder={t('姓名或名称')} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="otherPhone" label={t('对方联系电话（如知道）')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="amount" label={t('涉及金额（元）')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('纠纷发生地点（在地图上点选）')} required>
            <MapPicker
              source="/api/citizen/grids"
              value={point}
              onPick={(lat, lng) => setPoint({ lat, lng })}
              height={220}
            />
          </Form.Item>
          <Form.Item label={t('证据材料（照片）')}>
            <PhotoUploader value={photos} onChange={setPhotos} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={apply.isPending} disabled={photosBusy(photos)}>
            {t('提交申请')}
          </Button>
        </Form>
      </div>
    </div>
  );
}

export default function MyDisputeRoutes() {
  return (
    <Routes>
      <Route index element={<MyList />} />
      <Route path="apply" element={<Apply />} />
      <Route path=":id" element={<MyDispute />} />
    </Routes>
  );
}
