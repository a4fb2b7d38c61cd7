// One typical case or one news post of the public page, at its own address (to share a link).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { formatDay, type PublicCase, type PublicNewsItem } from './public-api';

export default function PublicArticlePage({ kind }: { kind: 'cases' | 'news' }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const item = useQuery({
    queryKey: ['public', kind, id],
    queryFn: () => api<PublicCase & PublicNewsItem>(`/api/public/${kind}/${id}`),
  });
  return (
    <div className="gz-public">
      <div className="gz-public-header" style={{ paddingBottom: 48 }}>
        <div className="gz-public-inner" style={{ maxWidth: 796 }}>
          <Link to="/public" style={{ color: '#fff' }}>
            <ArrowLeftOutlined /> {t('返回公开信息')}
          </Link>
          <h1 style={{ marginTop: 12 }}>{kind === 'cases' ? t('典型案例') : t('新闻动态')}</h1>
        </div>
      </div>
      <div className="gz-public-body" style={{ maxWidth: 820 }}>
        <Card>
          {item.isLoading && <Skeleton active />}
          {item.error && <Alert type="warning" showIcon title={errorMessage(item.error)} />}
          {item.data && (
            <article data-testid="public-article">
              <Typography.Title level={3}>{item.data.title}</Typography.Title>
              <div style={{ marginBottom: 16 }}>
                {item.data.categoryName && <Tag color="red">{item.data.categoryName}</Tag>}
                {item.data.townName && <Tag>{item.data.townName}</Tag>}
                <Typography.Text type="secondary">
                  {t('发布于')} {formatDay(item.data.publishedAt)}
                </Typography.Text>
              </div>
              {item.data.coverUrl && (
                <img src={item.data.coverUrl} alt="" style={{ width: '100%', borderRadius: 8, marginBottom: 16 }} />
              )}
              <div className="gz-public-article">{item.data.body}</div>
            </article>
          )}
        </Card>
      </div>
    </div>
  );
}
