// The village's list of powers (小微权力清单): each power with its legal basis and its procedure as a flowchart;
// the village adopts the county template, takes a newer version of a copied power when the county changed it,
// edits its own copies and starts an exercise of a power.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { ItemEditor } from './ItemEditor';
import { ProcedureFlow } from './ProcedureFlow';
import { type PowerItemView, usePowerVillageId, useVillageItems } from './power-api';
import { StartExerciseModal } from './StartExerciseModal';

export default function PowerListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('power.manage');
  const [villageId] = usePowerVillageId();
  const items = useVillageItems(villageId);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [starting, setStarting] = useState<PowerItemView | null>(null);
  const [editing, setEditing] = useState<PowerItemView | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['powers'] });
  const adopt = useMutation({
    mutationFn: () => api<{ added: number }>(`/api/powers/villages/${villageId}/adopt-template`, { method: 'POST' }),
    onSuccess: (r) => {
      message.success(t('已采用县级模板，新增 {{n}} 项', { n: r.added }));
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const sync = useMutation({
    mutationFn: (item: PowerItemView) =>
      api(`/api/powers/items/${item.id}/sync-template`, { method: 'POST', body: { version: item.version } }),
    onSuccess: () => {
      message.success(t('已同步为县级模板最新版本'));
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (villageId === undefined) return <Empty description={t('请选择村社区')} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canManage && (
          <Button onClick={() => adopt.mutate()} loading={adopt.isPending} data-testid="powers-adopt">
            {t('采用县级模板')}
          </Button>
        )}
        <Button href={`/board/powers/${villageId}`} target="_blank">
          {t('村务公开页')}
        </Button>
      </Space>
      {items.error && <Alert type="error" showIcon title={errorMessage(items.error)} />}
      {items.data && items.data.items.length === 0 && <Empty description={t('尚未建立小微权力清单，请采用县级模板')} />}
      <Row gutter={[16, 16]}>
        {items.data?.items.map((item) => (
          <Col xs={24} lg={12} key={item.id}>
            <Card
              data-testid={`power-item-${item.name}`}
              title={
                <Space>
                  <Tag color="red">{item.category}</Tag>
                  {item.name}
                  {!item.active && <Tag>{t('已停用')}</Tag>}
                </Space>
              }
              extra={
                canManage && (
                  <Space>
                    {item.active && (
                      <Button size="small" type="primary" onClick={() => setStarting(item)} data-testid="power-start">
                        {t('启动办理')}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setEditing(item)}>
                      {t('修改')}
                    </Button>
                  </Space>
                )
              }
            >
              {item.templateChanged && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title={t('县级模板已更新（第 {{to}} 版，本村为第 {{from}} 版）', {
                    to: item.templateCurrentVersion,
                    from: item.templateVersion,
                  })}
                  action={
                    canManage && (
                      <Button size="small" onClick={() => sync.mutate(item)} loading={sync.isPending}>
                        {t('同步')}
                      </Button>
                    )
                  }
                />
              )}
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('法律依据')}：{item.legalBasis || t('（未填写）')}
              </Typography.Paragraph>
              <ProcedureFlow steps={item.steps} />
            </Card>
          </Col>
        ))}
      </Row>
      {starting && (
        <StartExerciseModal
          item={starting}
          onClose={() => setStarting(null)}
          onStarted={(id) => {
            setStarting(null);
            refresh();
            navigate(`/powers/exercises/${id}`);
          }}
        />
      )}
      {editing && (
        <ItemEditor
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </>
  );
}
