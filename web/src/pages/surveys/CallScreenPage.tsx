// 拨号屏: the caller takes the next person of their villages (held for them 15 minutes), reads the script,
// shows the phone only to dial it (the reveal is audited), and records the call — 接通 with the answers they
// typed, 未接 (called again later, up to three times) or 拒访 — then takes the next.
import { PhoneOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { QuestionnaireForm } from './QuestionnaireForm';
import type { CallScreenView } from './survey-api';

export default function CallScreenPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [screen, setScreen] = useState<CallScreenView | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const next = useMutation({
    mutationFn: () => api<CallScreenView>(`/api/surveys/rounds/${id}/calls/next`, { method: 'POST' }),
    onSuccess: (s) => {
      setScreen(s);
      setPhone(null);
      setFormKey((k) => k + 1);
    },
  });
  const reveal = useMutation({
    mutationFn: (sampleId: number) =>
      api<{ phone: string | null }>(`/api/surveys/samples/${sampleId}/reveal`, { method: 'POST' }),
    onSuccess: (r) => setPhone(r.phone),
  });
  const record = useMutation({
    mutationFn: (body: { outcome: string; answers?: Record<string, unknown> }) =>
      api(`/api/surveys/samples/${screen?.person?.id}/calls`, {
        method: 'POST',
        body: { ...body, version: screen?.person?.version },
      }),
    onSuccess: () => next.mutate(),
  });
  const person = screen?.person ?? null;
  const error = next.error ?? reveal.error ?? record.error;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Link to={`/surveys/${id}`}>{screen?.round.title ?? t('民调')}</Link>
        <span>/</span>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('拨号屏')}
        </Typography.Title>
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} lg={9}>
          <Card
            size="small"
            title={t('当前受访者')}
            extra={
              <Button type="primary" onClick={() => next.mutate()} loading={next.isPending} data-testid="next-person">
                {t('下一位')}
              </Button>
            }
          >
            {!screen && (
              <Typography.Text type="secondary">
                {t('点“下一位”领取受访者，领取后 15 分钟内为您保留。')}
              </Typography.Text>
            )}
            {screen && !person && <Empty description={t('本级范围内已没有待拨打的受访者')} />}
            {person && (
              <Descriptions column={1} size="small" data-testid="call-person">
                <Descriptions.Item label={t('受访者')}>{person.name}</Descriptions.Item>
                <Descriptions.Item label={t('所在')}>
                  {person.townName} · {person.villageName}
                </Descriptions.Item>
                <Descriptions.Item label={t('电话')}>
                  {phone ? (
                    <a href={`tel:${phone}`} data-testid="revealed-phone">
                      <PhoneOutlined /> {phone}
                    </a>
                  ) : (
                    <Space>
                      <span data-testid="masked-phone">{person.phone}</span>
                      <Button size="small" onClick={() => reveal.mutate(person.id)} data-testid="reveal-phone">
                        {t('显示号码并拨打')}
                      </Button>
                    </Space>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('已拨打')}>
                  {person.callAttempts} {t('次')}
                </Descriptions.Item>
                <Descriptions.Item label={t('来源')}>
                  <Tag>{t(person.sourceLabel)}</Tag>
                </Descriptions.Item>
              </Descriptions>
            )}
            {screen && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('本级待答')} {screen.remaining} {t('人')}
              </Typography.Text>
            )}
          </Card>
          {screen && (
            <Card size="small" title={t('访问话术')} style={{ marginTop: 12 }}>
              <Typography.Paragraph data-testid="call-script">{screen.round.script}</Typography.Paragraph>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={15}>
          {person && screen && (
            <Card size="small" title={t('记录答卷')}>
              <QuestionnaireForm
                key={formKey}
                questionnaire={screen.round.questionnaire}
                submitLabel={t('接通，保存答卷')}
                busy={record.isPending}
                onSubmit={(answers) => record.mutate({ outcome: 'answered', answers })}
                extra={
                  <>
                    <Button onClick={() => record.mutate({ outcome: 'no_answer' })} data-testid="outcome-no-answer">
                      {t('未接')}
                    </Button>
                    <Button danger onClick={() => record.mutate({ outcome: 'refused' })} data-testid="outcome-refused">
                      {t('拒访')}
                    </Button>
                  </>
                }
              />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
