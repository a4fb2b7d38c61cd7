// The questionnaire behind a sampled person's link (/s/<token>), open without signing in: the title, the
// introduction and the questions; one answer per person — a second one is told it was already answered.
import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { QuestionnaireForm } from './QuestionnaireForm';
import type { PublicSurveyView } from './survey-api';

export default function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token } = useParams();
  const [search] = useSearchParams();
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => api<PublicSurveyView>(`/api/public/surveys/${token}`),
    retry: false,
  });
  const submit = useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      api(`/api/public/surveys/${token}`, {
        method: 'POST',
        body: { answers, via: search.get('via') === 'sms' ? 'sms' : 'link' },
      }),
  });
  const s = survey.data;
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="survey-title">
          {s?.title ?? t('问卷调查')}
        </Typography.Title>
      </div>
      <div className="gz-m-page">
        {survey.isLoading && <Skeleton active />}
        {survey.error && <Alert type="warning" showIcon title={errorMessage(survey.error)} />}
        {submit.isSuccess ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('提交成功，感谢您的参与！')}
            data-testid="survey-thanks"
          />
        ) : (
          s && (
            <div className="gz-m-card">
              {s.message && <Alert type="info" showIcon title={t(s.message)} style={{ marginBottom: 12 }} />}
              {s.open && (
                <>
                  <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
                  {submit.error && (
                    <Alert type="error" showIcon title={errorMessage(submit.error)} style={{ marginBottom: 12 }} />
                  )}
                  <QuestionnaireForm
                    questionnaire={s.questionnaire}
                    submitLabel={t('提交问卷')}
                    busy={submit.isPending}
                    onSubmit={(answers) => submit.mutate(answers)}
                  />
                </>
              )}
            </div>
          )
        )}
      </div>
    </div>
  );
}
