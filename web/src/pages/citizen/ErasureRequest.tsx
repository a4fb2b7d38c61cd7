// 删除我的个人信息 (issue 18, PIPL): the citizen asks that their name and phone be deleted from their reports and
// their account closed. Finished reports lose them at once; reports still being handled when they close. The
// server's answer says which, in words; once everything is done the account is closed and the app goes to the
// sign-in page, where the answer is read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';

interface ErasureAnswer {
  requestedAt: string;
  completedAt: string | null;
  anonymised: number;
  waiting: number;
  message: string;
}

export function ErasureRequest() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const ask = useMutation({
    mutationFn: () => api<ErasureAnswer>('/api/citizen/me/erasure', { method: 'POST' }),
    onSuccess: (answer) => {
      if (answer.completedAt) {
        // the account is closed and its sessions with it: the answer is read on the sign-in page
        qc.clear();
        navigate('/login', { replace: true });
      } else {
        void qc.invalidateQueries({ queryKey: ['my-cases'] });
      }
      modal.info({
        title: answer.completedAt ? t('个人信息已删除') : t('删除申请已受理'),
        content: <span data-testid="erasure-answer">{answer.message}</span>,
        okText: t('知道了'),
      });
    },
    onError: (error) => modal.error({ title: t('申请未成功'), content: errorMessage(error) }),
  });
  return (
    <div className="gz-m-card" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('您可以申请删除您在反映中留下的姓名和电话，并注销账号。正在办理的反映将在办结后删除。')}
      </Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Popconfirm
          title={t('确定删除我的个人信息并注销账号？')}
          description={t('删除后不能恢复；已办结的反映仍保留办理记录，但不再显示您的姓名和电话。')}
          okText={t('确定删除')}
          cancelText={t('取消')}
          okButtonProps={{ danger: true }}
          onConfirm={() => ask.mutate()}
        >
          <Button danger size="small" loading={ask.isPending} data-testid="erasure-request">
            {t('删除我的个人信息')}
          </Button>
        </Popconfirm>
      </div>
    </div>
  );
}
