// One record: its fields (masked until revealed), its grid, a person's other grids when registered twice, a
// household's members, the cases it concerns, and its history — who changed which field when, old → new.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { RevealButton, RevealedNote, useReveal } from '../../components/RevealPersonal';
import { ACTION_LABELS, display, useDashboard, useKinds, useRecord } from './grid-data-api';
import { RecordForm } from './RecordForm';

export default function RecordPage() {
  const { t } = useTranslation();
  const { kind: path = 'people', id } = useParams();
  const { data: r, error } = useRecord(path, Number(id));
  const kinds = useKinds();
  const dash = useDashboard();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const kind = kinds.data?.kinds.find((k) => k.path === path);
  const { revealed, reveal, loading } = useReveal<Record<string, string | null>>(`/api/grid-data/${path}/${id}/reveal`);
  if (error) return <Empty description={errorMessage(error)} />;
  if (!r || !kind) return null;
  const archive = async () => {
    try {
      await api(`/api/grid-data/${path}/${r.id}/archive`, {
        method: 'POST',
        body: { version: r.version, archived: !r.archived },
      });
      void qc.invalidateQueries({ queryKey: ['grid-data'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/grid-data">{t('网格底数')}</Link>/<span>{r.name}</span>
            {r.archived && <Tag>{t('已归档')}</Tag>}
            {r.duplicate && <Tag color="orange">{t('重复登记')}</Tag>}
            {r.overdue && <Tag color="red">{t('巡检已逾期')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {revealed && <RevealedNote />}
            {kind.fields.some((f) => f.masked) && can('griddata.reveal') && !revealed && (
              <RevealButton onClick={reveal} loading={loading} testId="record-reveal" />
            )}
            {can('griddata.manage') && !r.archived && <Button onClick={() => setEditing(true)}>{t('修改')}</Button>}
            {can('griddata.manage') && <Button onClick={archive}>{r.archived ? t('恢复') : t('归档')}</Button>}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('所属网格')}>
            {r.villageName} · {r.gridName}
          </Descriptions.Item>
          {kind.fields.map((f) => (
            <Descriptions.Item key={f.key} label={t(f.label)}>
              {f.type === 'tags'
                ? (r.fields[f.key] as string[]).map((x) => <Tag key={x}>{t(x)}</Tag>)
                : display(revealed && f.key in revealed ? revealed[f.key] : r.fields[f.key])}
            </Descriptions.Item>
          ))}
        </Descriptions>
        {r.alsoIn.length > 0 && (
          <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
            {t('此人同时登记在：{{grids}}，请与该网格核实实际居住地', {
              grids: r.alsoIn.map((g) => g.name).join('、'),
            })}
          </Typography.Paragraph>
        )}
      </Card>
      {r.kind === 'household' && (
        <Card size="small" title={t('家庭成员')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.members}
            columns={[
              { title: t('姓名'), render: (_, m) => <Link to={`/grid-data/people/${m.id}`}>{m.name}</Link> },
              { title: t('身份证号'), render: (_, m) => display(m.fields.idNumber) },
              { title: t('人口类型'), render: (_, m) => display(m.fields.residenceType) },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('关联案件')}>
        {r.cases.length === 0 ? (
          <Typography.Text type="secondary">{t('暂无')}</Typography.Text>
        ) : (
          r.cases.map((c) => (
            <div key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.number}</Link> {c.title}
            </div>
          ))
        )}
      </Card>
      <Card size="small" title={t('修改历史')}>
        <Timeline
          items={r.history.map((h) => ({
            children: (
              <div>
                <Typography.Text strong>{t(ACTION_LABELS[h.action] ?? h.action)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {new Date(h.at).toLocaleString()} · {h.actor.userName ?? '—'} · {h.actor.orgName ?? ''}
                </Typography.Text>
                {h.changes.map((c) => (
                  <div key={c.field}>
                    {t(c.label)}：{display(c.from)} → {display(c.to)}
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      </Card>
      {editing && (
        <RecordForm
          kind={kind}
          tags={(kinds.data?.tags ?? []).map((x) => x.name)}
          grids={(dash.data?.grids ?? []).map((g) => ({ gridId: g.gridId, name: g.name }))}
          record={r}
          open={editing}
          onClose={() => setEditing(false)}
        />
      )}
    </Space>
  );
}
