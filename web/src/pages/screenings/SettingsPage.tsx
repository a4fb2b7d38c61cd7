// 排查设置 (administrator): the cadence and the checklist of each level. A change applies to the periods opened
// after it; a screening already recorded keeps the checklist it was recorded with.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { CADENCE_OPTIONS, type LevelSetting, useScreeningSettings } from './screening-api';

function LevelCard({ setting }: { setting: LevelSetting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // Each row carries a stable id of its own (the code is being typed, the position moves on delete).
  const [draft, setDraft] = useState(() => ({
    ...setting,
    checklist: setting.checklist.map((c, i) => ({ ...c, uid: `${setting.level}-${i}` })),
  }));
  const [nextUid, setNextUid] = useState(setting.checklist.length);
  const save = async () => {
    try {
      await api(`/api/screenings/settings/${setting.level}`, {
        method: 'PUT',
        body: {
          cadence: draft.cadence,
          checklist: draft.checklist.map(({ key, label }) => ({ key, label })),
          active: draft.active,
          version: setting.version,
        },
      });
      message.success(t('排查设置已保存'));
      await qc.invalidateQueries({ queryKey: ['screenings', 'settings'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const item = (i: number, p: Partial<{ key: string; label: string }>) =>
    setDraft({ ...draft, checklist: draft.checklist.map((c, j) => (j === i ? { ...c, ...p } : c)) });
  return (
    <Card
      size="small"
      title={t(setting.levelLabel)}
      extra={
        <Space>
          {t('启用')}
          <Switch checked={draft.active} onChange={(v) => setDraft({ ...draft, active: v })} />
        </Space>
      }
      data-testid={`settings-${setting.level}`}
    >
      <Space style={{ marginBottom: 8 }}>
        {t('频次')}
        <Select
          value={draft.cadence}
          onChange={(v) => setDraft({ ...draft, cadence: v })}
          options={CADENCE_OPTIONS.map((o) => ({ ...o, label: t(o.label) }))}
          style={{ width: 120 }}
        />
      </Space>
      {draft.checklist.map((c, i) => (
        <Space key={c.uid} style={{ display: 'flex', marginBottom: 4 }}>
          <Input
            value={c.key}
            placeholder={t('代码')}
            onChange={(e) => item(i, { key: e.target.value })}
            style={{ width: 120 }}
          />
          <Input value={c.label} placeholder={t('名称')} onChange={(e) => item(i, { label: e.target.value })} />
          <Button
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => setDraft({ ...draft, checklist: draft.checklist.filter((_, j) => j !== i) })}
          />
        </Space>
      ))}
      <Space style={{ marginTop: 8 }}>
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            setDraft({ ...draft, checklist: [...draft.checklist, { key: '', label: '', uid: `new-${nextUid}` }] });
            setNextUid(nextUid + 1);
          }}
        >
          {t('新增项目')}
        </Button>
        <Button type="primary" onClick={save}>
          {t('保存')}
        </Button>
      </Space>
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const settings = useScreeningSettings();
  return (
    <>
      <PageTitle title={t('排查设置')} />
      <Row gutter={[12, 12]}>
        {(settings.data?.items ?? []).map((s) => (
          <Col key={`${s.level}-${s.version}`} xs={24} lg={12}>
            <LevelCard setting={s} />
          </Col>
        ))}
      </Row>
    </>
  );
}
