// 人民调解协议书: the agreement as an A4 document on screen and on paper (the browser's print dialog makes the
// PDF, and 下载 PDF gets the same document made on the server, format=pdf, issue 20), with the parties, the
// facts, the terms, the performance date and the signature lines — the parties sign the printed copy; the
// committee then records the signing on the dispute page.
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../assessment/bulletin.css';
import type { AgreementView } from './dispute-api';

const day = (v: string | null) => (v ? dayjs(v).format('YYYY年M月D日') : '____年__月__日');

export default function AgreementPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['disputes', 'agreement', id],
    queryFn: () => api<AgreementView>(`/api/disputes/${id}/agreement`),
  });
  const a = query.data;
  return (
    <>
      <div className="gz-no-print" style={{ marginBottom: 12 }}>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/disputes/${id}`)}>
            {t('返回')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            disabled={!a}
            data-testid="print"
          >
            {t('打印')}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            href={a ? `/api/disputes/${id}/agreement?format=pdf` : undefined}
            disabled={!a}
            data-testid="agreement-pdf"
          >
            {t('下载 PDF')}
          </Button>
        </Space>
        {a?.masked && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('当事人信息已脱敏：完整协议书由调解组织或有权查看个人信息的人员打印')}
          />
        )}
      </div>
      {query.isLoading && <Spin />}
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {a && (
        <article className="gz-bulletin gz-agreement" data-testid="agreement">
          <h1>人民调解协议书</h1>
          <div className="gz-bulletin-sub">{a.number}</div>
          <div className="gz-bulletin-rule" />
          <h2>当事人</h2>
          {a.parties.map((p) => (
            <p key={`${p.role}-${p.name}`} data-testid="agreement-party">
              {p.role === 'applicant' ? '申请人' : '被申请人'}：{p.name}
              {p.kind === 'person' && p.idNumber ? `，身份证号 ${p.idNumber}` : ''}
              {p.address ? `，住址 ${p.address}` : ''}
            </p>
          ))}
          <h2>纠纷主要事实、争议事项</h2>
          <p>
            {a.typeName}：{a.title}。{a.description}
          </p>
          <p>
            经{a.committee}
            {a.mediatorName ? `（调解员 ${a.mediatorName}）` : ''}主持调解（共 {a.sessions}{' '}
            次），当事人自愿达成如下协议：
          </p>
          <h2>协议内容</h2>
          <p style={{ whiteSpace: 'pre-wrap' }} data-testid="agreement-terms">
            {a.terms}
          </p>
          <h2>履行方式、时限</h2>
          <p>{a.performBy ? `本协议于${day(a.performBy)}前履行完毕。` : '按上述协议内容约定的方式和期限履行。'}</p>
          <p>
            本协议一式三份，当事人、人民调解委员会各持一份，自各方当事人签名（盖章）、人民调解员签名并加盖人民调解委员会印章之日起生效。
            当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。
          </p>
          <table style={{ marginTop: 24 }}>
            <tbody>
              <tr>
                <td className="gz-left" style={{ height: 48 }}>
                  申请人（签名）：
                </td>
                <td className="gz-left">被申请人（签名）：</td>
              </tr>
              <tr>
                <td className="gz-left" style={{ height: 48 }}>
                  人民调解员（签名）：
                </td>
                <td className="gz-left">
                  {a.committee}（盖章）
                  <br />
                  {day(a.signedAt ?? a.agreedAt)}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="gz-formulas" style={{ marginTop: 12 }}>
            纠纷编号 {a.disputeNumber}
            {a.signedAt ? ` · 已于 ${dayjs(a.signedAt).format('YYYY-MM-DD HH:mm')} 签署` : ' · 待签署'}
          </p>
        </article>
      )}
    </>
  );
}
