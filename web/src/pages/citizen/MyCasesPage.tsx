// 我的反映: the citizen's own reports, newest first, each with its progress in plain words.
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api';
import { ErasureRequest } from './ErasureRequest'; // PIPL erasure (issue 18)
import { MyCaseList, useMyCases } from './MyCaseList';
import './mobile.css';

export default function MyCasesPage() {
  const { t } = useTranslation();
  const { data, isLoading, error } = useMyCases();
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-title">
          {t('我的反映')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('查看办理进度、答复，并对结果进行评价')}</div>
      </div>
      <div className="gz-m-page">
        {error && <Alert type="error" showIcon title={errorMessage(error)} />}
        {isLoading && <Skeleton active />}
        {data && data.items.length === 0 && (
          <div className="gz-m-card">
            <Empty description={t('您还没有反映过问题')}>
              <Link to="/report">
                <Button type="primary" icon={<EditOutlined />}>
                  {t('一键反映')}
                </Button>
              </Link>
            </Empty>
          </div>
        )}
        {data && data.items.length > 0 && <MyCaseList items={data.items} />}
        {data && <ErasureRequest />}
      </div>
    </div>
  );
}
