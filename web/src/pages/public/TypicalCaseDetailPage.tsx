// One typical case for staff: the text being written (the author edits it; what still names someone is listed),
// the review buttons open to the reader (submit, approve, return with a note, publish, withdraw with a reason),
// the approved text that the public sees, and the history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import {
  ACTION_LABELS,
  FINDING_LABELS,
  formatDay,
  type ShowcaseAction,
  STATE_COLORS,
  type TypicalCaseDetail,
} from './public-api';

type ReviewAction = Exclude<ShowcaseAction, 'edit'>;
const NEEDS_NOTE: ReviewAction[] = ['return', 'withdraw'];

export default function TypicalCaseDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [noteFor, setNoteFor] = useState<ReviewAction | null>(null);
  const [note, setNote] = useState('');
  const item = useQuery({
    queryKey: ['showcase', 'case', id],
    queryFn: () => api<TypicalCaseDetail>(`/api/showcase/cases/${id}`),
  });
  const data = item.data;
  useEffect(() => {
    if (data) form.setFieldsValue({ title: data.title, body: data.body });
  }, [data, form]);
  const refresh = (next: TypicalCaseDetail) => {
    qc.setQueryData(['showcase', 'case', id], next);
    void qc.invalidateQueries({ queryKey: ['showcase', 'cases'] });
  };
  const save = useMutation({
    mutationFn: (values: { title: string; body: string }) =>
      api<TypicalCaseDetail>(`/api/showcase/cases/${id}`, {
        method: 'PATCH',
        body: { version: data?.version, ...values },
      }),
    onSuccess: (next) => {
      refresh(next);
      message.success(next.state === 'submitted' ? t('已保存，修改后的文本已重新提交审核') : t('已保存'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const act = useMutation({
    mutationFn: ({ action, note }: { action: ReviewAction; note?: string }) =>
      api<TypicalCaseDetail>(`/api/showcase/cases/${id}/${action}`, {
        method: 'POST',
        body: { version: data?.version, note },
      }),
    onSuccess: (next, { action }) => {
      refresh(next);
      setNoteFor(null);
      setNote('');
      message.success(t(ACTION_LABELS[action]));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (item.error) return <Alert type="error" showIcon title={errorMessage(item.error)} />;
  if (!data) return null;
  const canEdit = data.allowedActions.includes('edit');
  const buttons = data.allowedActions.filter((a): a is ReviewAction => a !== 'edit');
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/showcase">{t('返回列表')}</Link>
        <Tag color={STATE_COLORS[data.state]} data-testid="showcase-state">
          {t(data.stateName)}
        </Tag>
        {buttons.map((a) => (
          <Button
            key={a}
            type={a === 'approve' || a === 'publish' || a === 'submit' ? 'primary' : 'default'}
            danger={a === 'return' || a === 'withdraw'}
            loading={act.isPending}
            data-testid={`showcase-${a}`}
            onClick={() => (NEEDS_NOTE.includes(a) ? setNoteFor(a) : act.mutate({ action: a }))}
          >
            {t(ACTION_LABELS[a])}
          </Button>
        ))}
      </Space>
      {data.state === 'submitted' && data.isAuthor && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('已提交审核，须由另一位审核人员审核')} />
      )}
      {data.reviewNote && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t('审核意见')}：${data.reviewNote}`} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('案例文本')}>
            {data.findings.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="showcase-findings"
                title={t('文中仍含有个人信息，请删除或改写')}
                description={data.findings.map((f) => `${t(FINDING_LABELS[f.kind] ?? f.kind)}：${f.text}`).join('；')}
              />
            )}
            <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
              <Form.Item name="title" label={t('标题')} rules={[{ required: true, max: 100 }]}>
                <Input data-testid="showcase-title" />
              </Form.Item>
              <Form.Item name="body" label={t('正文')} rules={[{ required: true }]}>
                <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} data-testid="showcase-body" />
              </Form.Item>
              {canEdit && (
                <Button htmlType="submit" loading={save.isPending} data-testid="showcase-save">
                  {t('保存修改')}
                </Button>
              )}
            </Form>
          </Card>
          {data.approvedTitle && (
            <Card title={t('审核通过的文本（公开页显示此文本）')} style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{data.approvedTitle}</Typography.Title>
              <div style={{ whiteSpace: 'pre-wrap' }}>{data.approvedBody}</div>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('基本信息')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('原案件')}>
                <Link to={`/cases/${data.caseId}`}>{data.caseNumber}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('分类')}>{data.categoryName}</Descriptions.Item>
              <Descriptions.Item label={t('镇街')}>{data.townName}</Descriptions.Item>
              <Descriptions.Item label={t('村社区')}>{data.villageName}</Descriptions.Item>
              <Descriptions.Item label={t('撰写')}>{data.authorName}</Descriptions.Item>
              <Descriptions.Item label={t('审核')}>{data.reviewerName}</Descriptions.Item>
              <Descriptions.Item label={t('发布')}>{formatDay(data.publishedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('审核记录')} style={{ marginTop: 16 }}>
            <Timeline
              items={data.history.map((h) => ({
                children: (
                  <div style={{ fontSize: 13 }}>
                    <strong>{t(h.label)}</strong> · {h.actor.userName ?? t('系统')}
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>{new Date(h.at).toLocaleString()}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={noteFor !== null}
        title={noteFor ? t(ACTION_LABELS[noteFor]) : ''}
        onCancel={() => setNoteFor(null)}
        okButtonProps={{ disabled: !note.trim(), loading: act.isPending }}
        onOk={() => noteFor && act.mutate({ action: noteFor, note })}
      >
        <Input.TextArea
          rows={4}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={noteFor === 'return' ? t('请写明需要修改的地方') : t('请写明撤回原因')}
          data-testid="showcase-note"
        />
      </Modal>
    </>
  );
}
