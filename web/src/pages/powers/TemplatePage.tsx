// 县级模板: the county's template of the small-power list; the county platform adds and edits powers (each edit
// makes a new version; villages that copied an older one are told and sync when they decide to).
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../auth';
import { ItemEditor } from './ItemEditor';
import { ProcedureFlow } from './ProcedureFlow';
import { type PowerItemView, useTemplate } from './power-api';

export default function TemplatePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const template = useTemplate();
  const qc = useQueryClient();
  const countyLevel = me.org?.kind === 'county';
  const canEdit = countyLevel && can('power.manage');
  const [editing, setEditing] = useState<PowerItemView | 'new' | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canEdit && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="template-add">
            {t('新增权力事项')}
          </Button>
        )}
        {!canEdit && (
          <Typography.Text type="secondary">
            {t('县级模板由县平台维护；村社区采用后可在本村清单中调整')}
          </Typography.Text>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        {template.data?.items.map((item) => (
          <Col xs={24} lg={12} key={item.id}>
            <Card
              title={
                <Space>
                  <Tag color="red">{item.category}</Tag>
                  {item.name}
                  <Tag>{t('第 {{n}} 版', { n: item.version })}</Tag>
                  {!item.active && <Tag>{t('已停用')}</Tag>}
                </Space>
              }
              extra={
                canEdit && (
                  <Button size="small" onClick={() => setEditing(item)} data-testid={`template-edit-${item.name}`}>
                    {t('修改')}
                  </Button>
                )
              }
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('法律依据')}：{item.legalBasis}
              </Typography.Paragraph>
              <ProcedureFlow steps={item.steps} />
            </Card>
          </Col>
        ))}
      </Row>
      {editing && (
        <ItemEditor
          item={editing === 'new' ? null : editing}
          villageId={null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            qc.invalidateQueries({ queryKey: ['powers'] });
          }}
        />
      )}
    </>
  );
}
