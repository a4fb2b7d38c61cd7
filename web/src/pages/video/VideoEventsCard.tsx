// The case page's card for a case of channel 'video': the events that opened it and joined it, with their
// snapshots; at 核实, the grid worker confirms the event (normal lifecycle) or dismisses it as a false alarm.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Form, Image, Input, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { FINDING_COLOURS, FINDING_LABELS, useVideoEventsOfCase } from './video-api';

const FALSE_ALARM_REASONS = ['误报：识别错误（阴影、反光、树木等）', '误报：现场无此情况', '误报：已自行消除'];

interface CaseLike {
  id: number;
  version: number;
  channel: string;
  allowedActions: readonly string[];
}

export function VideoEventsCard({ detail }: { detail: CaseLike }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const isVideo = detail.channel === 'video';
  const events = useVideoEventsOfCase(detail.id, isVideo);
  const [finding, setFinding] = useState<'confirmed' | 'not_confirmed' | null>(null);
  const [form] = Form.useForm<{ notes: string }>();
  const verify = useMutation({
    mutationFn: (input: { finding: 'confirmed' | 'not_confirmed'; notes: string }) =>
      api(`/api/cases/${detail.id}/actions`, {
        method: 'POST',
        body: { version: detail.version, action: { type: 'verify', ...input } },
      }),
    onSuccess: async () => {
      setFinding(null);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['case', detail.id] });
      await client.invalidateQueries({ queryKey: ['video-events'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!isVideo) return null;
  const items = events.data?.items ?? [];
  const canVerify = detail.allowedActions.includes('verify');
  return (
    <Card
      size="small"
      title={t('视频事件')}
      style={{ marginBottom: 12 }}
      data-testid="video-events-card"
      extra={
        canVerify && (
          <Space>
            <Button size="small" type="primary" onClick={() => setFinding('confirmed')}>
              {t('确认属实')}
            </Button>
            <Button size="small" danger onClick={() => setFinding('not_confirmed')}>
              {t('误报排除')}
            </Button>
          </Space>
        )
      }
    >
      <List
        size="small"
        dataSource={items}
        loading={events.isLoading}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Space align="start">
              <Image width={96} src={e.snapshot.thumbnailUrl} preview={{ src: e.snapshot.url }} alt={e.eventId} />
              <div>
                <Space size={4} wrap>
                  <Tag color="blue">{t(e.type)}</Tag>
                  <Tag color={FINDING_COLOURS[e.finding]}>{t(FINDING_LABELS[e.finding])}</Tag>
                  {!e.openedCase && <Tag>{t('已归并')}</Tag>}
                </Space>
                <div style={{ fontSize: 12 }}>
                  {e.camera.name}（{e.camera.code}）
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(e.detectedAt).format('YYYY-MM-DD HH:mm')} · {t('置信度')} {Math.round(e.confidence * 100)}% ·{' '}
                  {e.eventId}
                </Typography.Text>
                {e.dismissalReason && <div style={{ fontSize: 12 }}>{e.dismissalReason}</div>}
              </div>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={finding !== null}
        title={finding === 'confirmed' ? t('确认属实') : t('误报排除')}
        okText={t('提交')}
        confirmLoading={verify.isPending}
        okButtonProps={{ 'data-testid': 'verify-submit' } as ButtonProps}
        onCancel={() => setFinding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => finding && verify.mutate({ finding, notes: v.notes })}
          initialValues={{ notes: '' }}
        >
          {finding === 'not_confirmed' && (
            <Space wrap style={{ marginBottom: 8 }}>
              {FALSE_ALARM_REASONS.map((r) => (
                <Tag key={r} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('notes', r)}>
                  {t(r)}
                </Tag>
              ))}
            </Space>
          )}
          <Form.Item
            name="notes"
            label={finding === 'confirmed' ? t('核实情况') : t('误报原因')}
            rules={[{ required: true, whitespace: true, message: t('请填写') }]}
          >
            <Input.TextArea rows={3} data-testid="verify-notes" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
