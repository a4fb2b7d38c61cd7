// 智能分类: type a message, get the ranked categories and the responsible unit proposed for it.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Input, Progress, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { CategorySuggestion } from '../../api-types';

const EXAMPLE = '小区门口的下水道井盖坏了好几天，路面积水严重，晚上行人容易掉进去，希望城管和物业尽快修好。';

export function ClassifyBox() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const classify = useMutation({
    mutationFn: (input: string) =>
      api<CategorySuggestion>('/api/analysis/classify', { method: 'POST', body: { text: input } }),
  });
  const r = classify.data;
  return (
    <Card size="small" title={t('智能分类')} data-testid="classify-box">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Input.TextArea
            rows={7}
            maxLength={5000}
            showCount
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('输入或粘贴群众诉求内容')}
            data-testid="classify-text"
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              type="primary"
              loading={classify.isPending}
              onClick={() => classify.mutate(text)}
              data-testid="classify-submit"
            >
              {t('识别分类')}
            </Button>
            <Button onClick={() => setText(EXAMPLE)}>{t('示例')}</Button>
          </Space>
          {classify.error && (
            <Alert
              style={{ marginTop: 8 }}
              type="error"
              showIcon
              message={(classify.error as Error).message}
              data-testid="classify-error"
            />
          )}
        </Col>
        <Col xs={24} lg={14}>
          {r ? (
            <div data-testid="classify-result">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('推荐分类')}>
                  <Typography.Text strong data-testid="classify-top">
                    {r.level1[0]?.name}
                    {r.proposed.categoryName && r.proposed.categoryName !== r.level1[0]?.name
                      ? ` / ${r.proposed.categoryName}`
                      : ''}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('建议责任单位')}>
                  {r.proposed.orgName ?? t('暂无')}
                  {r.proposed.reason && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {r.proposed.reason}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
                {r.matchedTerms.length > 0 && (
                  <Descriptions.Item label={t('命中关键词')}>
                    {r.matchedTerms.slice(0, 12).map((w) => (
                      <Tag key={w}>{w}</Tag>
                    ))}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Row gutter={16} style={{ marginTop: 12 }}>
                <Col xs={24} md={12}>
                  <Typography.Text type="secondary">{t('一级分类')}</Typography.Text>
                  {r.level1.slice(0, 5).map((l) => (
                    <div key={l.name}>
                      <span style={{ display: 'inline-block', width: 110 }}>{l.name}</span>
                      <Progress
                        percent={Math.round(l.score * 100)}
                        size="small"
                        style={{ width: 'calc(100% - 120px)' }}
                      />
                    </div>
                  ))}
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text type="secondary">{t('二级分类')}</Typography.Text>
                  {r.level2.slice(0, 5).map((l) => (
                    <div key={`${l.parentName}/${l.name}`}>
                      <span style={{ display: 'inline-block', width: 130 }}>{l.name}</span>
                      <Progress
                        percent={Math.round(l.score * 100)}
                        size="small"
                        style={{ width: 'calc(100% - 140px)' }}
                      />
                    </div>
                  ))}
                </Col>
              </Row>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                {t('模型由 {{n}} 条已标注诉求训练（其中 {{c}} 条为工作人员确认分类的案件）', {
                  n: r.model.examples,
                  c: r.model.caseExamples,
                })}
              </Typography.Paragraph>
            </div>
          ) : (
            <Typography.Paragraph type="secondary">
              {t('根据诉求文本自动推荐一级、二级分类及责任单位，供登记和派遣参考。')}
            </Typography.Paragraph>
          )}
        </Col>
      </Row>
    </Card>
  );
}
