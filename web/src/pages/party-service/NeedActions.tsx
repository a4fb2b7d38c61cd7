// The buttons of a need for whoever looks at it, from the server's `allowed`: claim, record done (hours and
// result), rate 1–5 with a comment, cancel with a reason. Used by the workbench and by the phone.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, InputNumber, Rate, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { NeedDetail, NeedView } from './party-service-api';

export function NeedActions({
  need,
  mine = false,
  block = false,
}: {
  need: NeedView;
  mine?: boolean;
  block?: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [hours, setHours] = useState<number | null>(null);
  const [result, setResult] = useState('');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (action: Record<string, unknown>) =>
      api<NeedDetail>(`/api/party/service/${mine ? 'my/' : ''}needs/${need.id}/actions`, {
        method: 'POST',
        body: { version: need.version, action },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-service'] }),
  });
  if (need.allowed.length === 0) return null;
  return (
    <div data-testid={`need-actions-${need.id}`}>
      {act.error && <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 8 }} />}
      {need.allowed.includes('claim') && (
        <Button
          type="primary"
          block={block}
          loading={act.isPending}
          onClick={() => act.mutate({ type: 'claim' })}
          data-testid="need-claim"
        >
          {t('认领')}
        </Button>
      )}
      {need.allowed.includes('complete') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <InputNumber
            min={0.5}
            max={1000}
            step={0.5}
            value={hours}
            onChange={setHours}
            addonAfter={t('小时')}
            placeholder={t('服务时长')}
            style={{ width: '100%' }}
            data-testid="need-hours"
          />
          <Input.TextArea
            value={result}
            onChange={(e) => setResult(e.target.value)}
            placeholder={t('服务结果')}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
            data-testid="need-result"
          />
          <Button
            type="primary"
            block={block}
            disabled={!hours || !result.trim()}
            loading={act.isPending}
            onClick={() => act.mutate({ type: 'complete', hours, result })}
            data-testid="need-complete"
          >
            {t('完成并记录')}
          </Button>
        </Space>
      )}
      {need.allowed.includes('rate') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Rate value={rating} onChange={setRating} data-testid="need-rating" />
          <Input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('评语')}
            maxLength={500}
            data-testid="need-comment"
          />
          <Button
            type="primary"
            disabled={rating === 0}
            loading={act.isPending}
            onClick={() => act.mutate({ type: 'rate', rating, comment })}
            data-testid="need-rate"
          >
            {t('提交评价')}
          </Button>
        </Space>
      )}
      {need.allowed.includes('cancel') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('撤销原因')}
            maxLength={500}
          />
          <Button
            danger
            disabled={!reason.trim()}
            loading={act.isPending}
            onClick={() => act.mutate({ type: 'cancel', reason })}
          >
            {t('撤销')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
