// 执法亮剑: the enforcement units' replied and closed cases, de-identified by the server — the list the public
// board and the workbench show alike.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { PublicEnforcementItem } from './party-service-api';

export function EnforcementList() {
  const { t } = useTranslation();
  const [townId, setTownId] = useState<number | undefined>();
  const list = useQuery({
    queryKey: ['party-ratings', 'enforcement', townId],
    queryFn: () =>
      api<{ items: PublicEnforcementItem[]; towns: { id: number; name: string }[] }>(
        '/api/party/ratings/public/enforcement',
        {
          query: { townId },
        },
      ),
  });
  return (
    <div data-testid="enforcement-list">
      <Select
        allowClear
        placeholder={t('镇街')}
        style={{ width: 180, marginBottom: 12 }}
        value={townId}
        onChange={setTownId}
        options={(list.data?.towns ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && list.data.items.length === 0 && <Empty description={t('暂无数据')} />}
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        renderItem={(i) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Tag color="red">{i.status}</Tag>
                <Tag>{i.month}</Tag>
                {i.category && <Tag color="blue">{i.category}</Tag>}
                <Typography.Text type="secondary">
                  {[i.townName, i.villageName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
              <div style={{ marginTop: 4 }}>{i.summary}</div>
              {i.result && (
                <Typography.Text type="secondary">
                  {t('办理结果')}：{i.result}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
