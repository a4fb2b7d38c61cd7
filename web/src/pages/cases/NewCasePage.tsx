// 新建案件: staff intake (walk-in, grid patrol, petition) — what, which category, how urgent, where (a point on
// the grid map or a grid), who reported it. POST /api/cases routes it by the grid and starts its clocks.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Feature, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, useMap } from 'react-leaflet';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { CaseDetail } from '../../api-types';
import { useCurrentUser } from '../../auth';
import { BaseMapContainer } from '../../components/BaseMap';
import { CategorySelect } from '../../components/CategorySelect';
import { PageTitle } from '../../components/common';
import { CHANNEL_LABELS } from '../../labels';
import type { GridCollection, GridProps } from '../../types';

const STAFF_CHANNELS = ['walk_in', 'grid_patrol', 'petition'] as const;

interface NewCaseForm {
  channel: (typeof STAFF_CHANNELS)[number];
  title?: string;
  body: string;
  categoryId?: number | null;
  urgency: 'normal' | 'urgent';
  gridId?: number;
  lat?: number;
  lng?: number;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  anonymous?: boolean;
}

function FitAll({ data }: { data: GridCollection }) {
  const map = useMap();
  useEffect(() => {
    const bounds = L.geoJSON(data).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  }, [data, map]);
  return null;
}

function GridPicker({
  grids,
  gridId,
  point,
  onPick,
}: {
  grids: GridCollection;
  gridId?: number;
  point: [number, number] | null;
  onPick: (grid: GridProps, lat: number, lng: number) => void;
}) {
  const style = (f?: Feature<Geometry, GridProps>) => {
    const selected = f && Number(f.properties.id) === gridId;
    return {
      color: selected ? '#b7282e' : '#1d5fa8',
      weight: selected ? 2.5 : 1,
      fillColor: selected ? '#b7282e' : '#1d5fa8',
      fillOpacity: selected ? 0.3 : 0.08,
    };
  };
  return (
    <div data-testid="new-case-map">
      <BaseMapContainer
        className="gz-map"
        style={{ height: 320, width: '100%', cursor: 'crosshair' }}
        center={[0, 0]}
        zoom={12}
        zoomSnap={0.25}
        attributionControl={false}
      >
        <GeoJSON
          key={`${grids.features.length}-${gridId ?? ''}`}
          data={grids}
          style={(f) => style(f as Feature<Geometry, GridProps>)}
          onEachFeature={(feature, layer) => {
            layer.on('click', (e: L.LeafletMouseEvent) =>
              onPick(feature.properties as GridProps, e.latlng.lat, e.latlng.lng),
            );
            layer.bindTooltip(
              `${(feature.properties as GridProps).villageName} · ${(feature.properties as GridProps).name}`,
              {
                sticky: true,
              },
            );
          }}
        />
        {point && (
          <CircleMarker
            center={point}
            radius={7}
            pathOptions={{ color: '#fff', weight: 2, fillColor: '#b7282e', fillOpacity: 1 }}
          />
        )}
        <FitAll data={grids} />
      </BaseMapContainer>
    </div>
  );
}

export default function NewCasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [form] = Form.useForm<NewCaseForm>();
  const grids = useQuery({
    queryKey: ['grids', 'geojson'],
    queryFn: () => api<GridCollection>('/api/grids/geojson'),
    staleTime: 5 * 60_000,
  });
  const gridId = Form.useWatch('gridId', form);
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const anonymous = Form.useWatch('anonymous', form);
  const gridOptions = useMemo(
    () =>
      (grids.data?.features ?? [])
        .map((f) => f.properties)
        .map((p) => ({ value: Number(p.id), label: `${p.townName} / ${p.villageName} / ${p.name}` })),
    [grids.data],
  );

  const create = useMutation({
    mutationFn: (v: NewCaseForm) =>
      api<CaseDetail | { case: CaseDetail; created: boolean }>('/api/cases', {
        method: 'POST',
        body: {
          channel: v.channel,
          title: v.title?.trim() || undefined,
          body: v.body.trim(),
          categoryId: v.categoryId ?? undefined,
          urgency: v.urgency,
          gridId: v.gridId ?? undefined,
          lat: v.lat ?? undefined,
          lng: v.lng ?? undefined,
          address: v.address?.trim() || undefined,
          reporter: v.anonymous
            ? { anonymous: true }
            : {
                name: v.reporterName?.trim() || undefined,
                phone: v.reporterPhone?.trim() || undefined,
                anonymous: false,
              },
        },
      }),
    onSuccess: (res) => {
      const created = 'case' in res ? res.case : res;
      message.success(t('已登记案件 {{n}}', { n: created.number }));
      navigate(`/cases/${created.id}`, { replace: true });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <>
      <PageTitle title={t('新建案件')} />
      <Form<NewCaseForm>
        form={form}
        layout="vertical"
        initialValues={{ channel: me.role === 'grid_worker' ? 'grid_patrol' : 'walk_in', urgency: 'normal' }}
        onFinish={(v) => create.mutate(v)}
        data-testid="new-case-form"
      >
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('诉求')} style={{ marginBottom: 12 }}>
              <Form.Item name="channel" label={t('来源')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(CHANNEL_LABELS[c] ?? c) }))}
                  data-testid="field-channel"
                />
              </Form.Item>
              <Form.Item name="title" label={t('标题')} extra={t('不填则取诉求内容的开头')}>
                <Input maxLength={100} data-testid="field-title" />
              </Form.Item>
              <Form.Item
                name="body"
                label={t('诉求内容')}
                rules={[
                  { required: true, whitespace: true, message: t('请填写诉求内容') },
                  { min: 5, message: t('诉求内容至少 5 个字') },
                ]}
              >
                <Input.TextArea rows={5} maxLength={5000} showCount data-testid="field-body" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={16}>
                  <Form.Item name="categoryId" label={t('事项分类')}>
                    <CategorySelect testId="field-category" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="urgency" label={t('紧急程度')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'normal', label: t('一般') },
                        { value: 'urgent', label: t('紧急') },
                      ]}
                      data-testid="field-urgency"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title={t('反映人')} style={{ marginBottom: 12 }}>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox data-testid="field-anonymous">{t('匿名反映')}</Checkbox>
              </Form.Item>
              {!anonymous && (
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="reporterName" label={t('姓名')}>
                      <Input maxLength={40} data-testid="field-reporterName" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="reporterPhone"
                      label={t('电话')}
                      rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('请输入有效的电话号码') }]}
                    >
                      <Input maxLength={20} data-testid="field-reporterPhone" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('位置')} style={{ marginBottom: 12 }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('在地图上点击事发位置，或直接选择网格；案件按网格自动流转到所在村社区、镇街。')}
              </Typography.Paragraph>
              {grids.error && <Alert type="warning" showIcon title={errorMessage(grids.error)} />}
              {grids.data && (
                <GridPicker
                  grids={grids.data}
                  gridId={gridId}
                  point={lat !== undefined && lng !== undefined ? [lat, lng] : null}
                  onPick={(g, la, ln) =>
                    form.setFieldsValue({
                      gridId: Number(g.id),
                      lat: Number(la.toFixed(6)),
                      lng: Number(ln.toFixed(6)),
                    })
                  }
                />
              )}
              <Form.Item
                name="gridId"
                label={t('网格')}
                style={{ marginTop: 8 }}
                rules={[{ required: true, message: t('请在地图上点选位置或选择网格') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={gridOptions}
                  loading={grids.isLoading}
                  placeholder={t('选择网格')}
                  onChange={() => form.setFieldsValue({ lat: undefined, lng: undefined })}
                  data-testid="field-grid"
                />
              </Form.Item>
              <Form.Item name="lat" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="lng" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="address" label={t('详细地址')}>
                <Input maxLength={200} data-testid="field-address" />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="new-case-submit">
            {t('提交登记')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('取消')}</Button>
        </Space>
      </Form>
    </>
  );
}
