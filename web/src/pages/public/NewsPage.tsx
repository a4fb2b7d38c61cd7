// 新闻动态 for staff: the county's posts, written as drafts with an optional cover image, published to the public
// page and withdrawn.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { uploadAttachment } from '../citizen/PhotoUploader';
import { formatDay, type NewsPost } from './public-api';

interface Draft {
  title: string;
  body: string;
}

export default function NewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<NewsPost | 'new' | null>(null);
  const [cover, setCover] = useState<{ id: string; url?: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [form] = Form.useForm<Draft>();
  const list = useQuery({
    queryKey: ['showcase', 'news'],
    queryFn: () => api<{ items: NewsPost[] }>('/api/showcase/news'),
  });
  const done = () => void qc.invalidateQueries({ queryKey: ['showcase', 'news'] });
  const save = useMutation({
    mutationFn: (values: Draft) =>
      editing === 'new' || editing === null
        ? api<NewsPost>('/api/showcase/news', {
            method: 'POST',
            body: { ...values, coverAttachmentId: cover?.id ?? null },
          })
        : api<NewsPost>(`/api/showcase/news/${editing.id}`, {
            method: 'PATCH',
            body: { ...values, version: editing.version, coverAttachmentId: cover?.id ?? null },
          }),
    onSuccess: () => {
      message.success(t('已保存'));
      setEditing(null);
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const act = useMutation({
    mutationFn: ({ post, action }: { post: NewsPost; action: 'publish' | 'withdraw' }) =>
      api<NewsPost>(`/api/showcase/news/${post.id}/${action}`, { method: 'POST', body: { version: post.version } }),
    onSuccess: () => done(),
    onError: (e) => message.error(errorMessage(e)),
  });
  const open = (post: NewsPost | 'new') => {
    setEditing(post);
    setCover(post !== 'new' && post.coverAttachmentId ? { id: post.coverAttachmentId } : null);
    form.setFieldsValue(post === 'new' ? { title: '', body: '' } : { title: post.title, body: post.body });
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {t('新建新闻')}
      </Button>
      <Table<NewsPost>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('标题'), dataIndex: 'title' },
          {
            title: t('状态'),
            dataIndex: 'stateName',
            width: 100,
            render: (v: string, r) => <Tag color={r.state === 'published' ? 'green' : 'default'}>{t(v)}</Tag>,
          },
          { title: t('封面'), dataIndex: 'coverAttachmentId', width: 70, render: (v) => (v ? t('有') : '') },
          { title: t('发布'), dataIndex: 'publishedAt', width: 110, render: formatDay },
          {
            title: '',
            width: 180,
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => open(r)}>
                  {t('修改')}
                </Button>
                {r.state === 'published' ? (
                  <Button size="small" danger onClick={() => act.mutate({ post: r, action: 'withdraw' })}>
                    {t('撤回')}
                  </Button>
                ) : (
                  <Button size="small" type="primary" onClick={() => act.mutate({ post: r, action: 'publish' })}>
                    {t('发布')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={720}
        title={editing === 'new' ? t('新建新闻') : t('修改新闻')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label={t('标题')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('正文（空行分段）')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} />
          </Form.Item>
          <Form.Item label={t('封面图片')}>
            <Space>
              <Upload
                accept="image/*"
                showUploadList={false}
                customRequest={async ({ file }) => {
                  setUploading(true);
                  try {
                    const res = await uploadAttachment(file as File, () => {});
                    setCover({ id: res.id, url: res.thumbnailUrl });
                  } catch (e) {
                    message.error(errorMessage(e));
                  } finally {
                    setUploading(false);
                  }
                }}
              >
                <Button loading={uploading}>{cover ? t('更换图片') : t('上传图片')}</Button>
              </Upload>
              {cover?.url && <img src={cover.url} alt="" style={{ height: 48, borderRadius: 4 }} />}
              {cover && (
                <Button type="link" onClick={() => setCover(null)}>
                  {t('不用封面')}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
