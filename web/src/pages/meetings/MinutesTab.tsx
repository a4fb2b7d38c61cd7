// 纪要: the printable minutes page and the decisions as a spreadsheet.
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Meeting } from './meeting-api';

export default function MinutesTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Typography.Paragraph>
        {meeting.state === 'published'
          ? t('纪要已于 {{at}} 发布。纪要按会议记录生成，决定事项的任务状态为实时状态。', {
              at: meeting.publishedAt?.slice(0, 10) ?? '',
            })
          : t('纪要按会议记录生成；会议召开并登记全部成员单位出席情况后，可在右上角“发布纪要”。')}
      </Typography.Paragraph>
      <Space wrap>
        <Link to={`/meetings/${meeting.id}/minutes`}>
          <Button type="primary" icon={<FileTextOutlined />} data-testid="open-minutes">
            {t('查看 / 打印纪要')}
          </Button>
        </Link>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/meetings/${meeting.id}/minutes?format=xlsx`}
          data-testid="minutes-xlsx"
        >
          {t('下载决定事项（Excel）')}
        </Button>
      </Space>
    </Card>
  );
}
