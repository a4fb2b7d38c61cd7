// 反映人 on the case page: masked as the server sends it; a handler who must call the reporter back reveals the
// name and phone whole (POST /api/cases/:id/reporter/reveal, case.handle, audited). Anonymous reports have none.
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api-types';
import { useCan } from '../../auth';
import { RevealButton, RevealedNote, useReveal } from '../../components/RevealPersonal';

export function CaseReporter({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { revealed, reveal, loading } = useReveal<{ name: string | null; phone: string | null }>(
    `/api/cases/${detail.id}/reporter/reveal`,
    'POST',
  );
  const { anonymous, name, phone } = detail.reporter;
  if (anonymous) return <span data-testid="case-reporter">{t('匿名')}</span>;
  const shown = revealed ?? { name, phone };
  const text = [shown.name, shown.phone].filter(Boolean).join(' ') || t('未留');
  return (
    <Space size={4} wrap>
      <span data-testid="case-reporter">{text}</span>
      {revealed ? (
        <RevealedNote />
      ) : (
        (name || phone) &&
        can('case.handle') && <RevealButton size="small" onClick={reveal} loading={loading} testId="reporter-reveal" />
      )}
    </Space>
  );
}
