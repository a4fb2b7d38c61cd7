// 我的问卷 on the phone: the surveys the signed-in citizen was sampled for, pending ones first, each opening
// its questionnaire (/s/<token>).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { type MySurveyItem, STATE_COLORS } from './survey-api';

export default function MySurveysPage() {
  const { t } = useTranslation();
  const mine = useQuery({
    queryKey: ['surveys', 'mine'],
    queryFn: () => api<{ items: MySurveyItem[] }>('/api/my/surveys'),
  });
  return (
    <div className="gz-m-page">
      <Typography.Title level={4}>{t('我的问卷')}</Typography.Title>
      {mine.isLoading && <Skeleton active />}
      {mine.error && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {mine.data && mine.data.items.length === 0 && <Empty description={t('暂无需要您填写的问卷')} />}
      {mine.data?.items.map((s) => (
        <div key={s.roundId} className="gz-m-card" data-testid="my-survey">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <strong>{s.title}</strong>
            <Tag color={STATE_COLORS[s.state]}>{t(s.stateLabel)}</Tag>
          </div>
          {(s.state === 'pending' || s.state === 'unreachable') && (
            <Link to={s.link}>
              <Button type="primary" block style={{ marginTop: 8 }} data-testid="answer-my-survey">
                {t('填写问卷')}
              </Button>
            </Link>
          )}
        </div>
      ))}
    </div>
  );
}
