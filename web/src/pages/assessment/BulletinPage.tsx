// 月度通报: a printable A4 bulletin for a chosen month — rankings of towns and departments, the overdue list and
// typical cases — with the same month as xlsx, and as a PDF made on the server (format=pdf, issue 20).
import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { Bulletin, RankingView } from '../../api-types';
import { useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import { formatScore, formatValue, OVERDUE_KIND_LABELS } from './assessment-format';
import { usePeriods } from './RankingPage';
import './bulletin.css';

const SHOWN = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeCloseRate',
  'signOnTimeRate',
  'returnRate',
  'reopenRate',
  'overdueCount',
  'supervisedCount',
];
const TREND_TEXT = { up: '↑', down: '↓', same: '→', new: '新' } as const;

function PrintRanking({ view, testId }: { view: RankingView; testId: string }) {
  const { t } = useTranslation();
  const indicators = SHOWN.map((k) => view.indicators.find((i) => i.key === k)).filter((i) => !!i);
  const rows = view.rows.filter((r) => r.rank !== null);
  if (!rows.length) return <p>{t('本期暂无考核数据')}</p>;
  const dept = view.unitType === 'department';
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t('排名')}</th>
          <th className="gz-left">{t('单位')}</th>
          <th>{t('综合得分')}</th>
          <th>{t('趋势')}</th>
          {dept && <th>{t('镇街评价')}</th>}
          {indicators.map((i) => (
            <th key={i.key}>{t(i.name)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unitId}>
            <td>{r.rank}</td>
            <td className="gz-left">{r.name}</td>
            <td>{formatScore(r.score)}</td>
            <td>{TREND_TEXT[r.trend]}</td>
            {dept && <td>{formatScore(r.townRating)}</td>}
            {indicators.map((i) => (
              <td key={i.key}>{formatValue(r.values[i.key], i.kind)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function BulletinPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const periods = usePeriods();
  const month = params.get('month') ?? periods.data?.lastMonth;
  const { data, isLoading, error } = useQuery({
    queryKey: ['assessment', 'bulletin', month],
    queryFn: () => api<Bulletin>('/api/assessment/bulletin', { query: { month } }),
    enabled: !!month,
  });
  const v = data?.summary.values;
  const f = data?.summary.facts;
  const county = me.org?.name ?? '';

  return (
    <div>
      <div className="gz-no-print">
        <PageTitle
          title={t('月度通报')}
          extra={
            <Space wrap>
              <Select
                style={{ width: 160 }}
                value={month}
                onChange={(m) => setParams({ month: m }, { replace: true })}
                options={(periods.data?.months ?? []).map((p) => ({ value: p.period, label: p.label }))}
                data-testid="bulletin-month"
              />
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('打印 / 存为 PDF')}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                href={month ? `/api/assessment/bulletin?month=${month}&format=pdf` : undefined}
                disabled={!month}
                data-testid="bulletin-pdf"
              >
                {t('下载 PDF')}
              </Button>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                href={month ? `/api/assessment/bulletin?month=${month}&format=xlsx` : undefined}
                disabled={!month}
                data-testid="bulletin-xlsx"
              >
                {t('导出 Excel')}
              </Button>
            </Space>
          }
        />
        <Card size="small" style={{ marginBottom: 12 }}>
          {t('“下载 PDF”得到服务器生成的 PDF 版通报（A4 纵向，与打印版式一致）；也可打印或在打印对话框中另存为 PDF。')}
        </Card>
      </div>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {isLoading || !data || !v || !f ? (
        <div style={{ padding: 60, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <article className="gz-bulletin" data-testid="bulletin">
          <h1>{t('基层社会治理工作通报')}</h1>
          <div className="gz-bulletin-sub">
            {county} · {data.label} · {t('生成于')} {dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm')}
          </div>
          <div className="gz-bulletin-rule" />
          <h2>{t('一、总体情况')}</h2>
          <p data-testid="bulletin-summary">
            {t(
              '本月共受理群众诉求 {{received}} 件，办结 {{closed}} 件；响应率 {{response}}，解决率 {{resolution}}，满意率 {{satisfaction}}，按期办结率 {{onTime}}；超期 {{overdue}} 件，督办 {{supervised}} 件。',
              {
                received: f.received,
                closed: f.closed,
                response: formatValue(v.responseRate, 'rate'),
                resolution: formatValue(v.resolutionRate, 'rate'),
                satisfaction: formatValue(v.satisfactionRate, 'rate'),
                onTime: formatValue(v.onTimeCloseRate, 'rate'),
                overdue: f.overdue,
                supervised: f.supervised,
              },
            )}
          </p>
          <h2>{t('二、乡镇（街道）综合排名')}</h2>
          <PrintRanking view={data.towns} testId="bulletin-towns" />
          <h2>{t('三、县级职能部门综合排名')}</h2>
          <PrintRanking view={data.departments} testId="bulletin-departments" />
          <h2>
            {t('四、超期案件')}（{data.overdueTotal}）
          </h2>
          {data.overdue.length === 0 ? (
            <p>{t('本月无超期案件。')}</p>
          ) : (
            <table data-testid="bulletin-overdue">
              <thead>
                <tr>
                  <th>{t('案件编号')}</th>
                  <th className="gz-left">{t('标题')}</th>
                  <th>{t('乡镇（街道）')}</th>
                  <th>{t('主办单位')}</th>
                  <th>{t('超期环节')}</th>
                  <th>{t('超期时间')}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.map((o) => (
                  <tr key={`${o.caseId}`}>
                    <td>{o.number}</td>
                    <td className="gz-left">{o.title}</td>
                    <td>{o.townName ?? '—'}</td>
                    <td>{o.leadName ?? '—'}</td>
                    <td>{t(OVERDUE_KIND_LABELS[o.kind ?? ''] ?? o.kind ?? '—')}</td>
                    <td>{dayjs(o.at).format('MM-DD HH:mm')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('五、典型案例')}</h2>
          {data.typical.length === 0 ? (
            <p>{t('本月无典型案例。')}</p>
          ) : (
            <ol data-testid="bulletin-typical" style={{ paddingInlineStart: 20 }}>
              {data.typical.map((c) => (
                <li key={`${c.kind}-${c.caseId}`}>
                  <b>[{c.kind === 'best_rated' ? t('群众满意') : t('督办')}]</b> {c.number} {c.title}（
                  {c.townName ?? '—'}
                  {c.leadName ? ` · ${c.leadName}` : ''}）— {c.note}
                </li>
              ))}
            </ol>
          )}
          <h2>{t('附：指标说明')}</h2>
          <div className="gz-formulas">
            {data.towns.indicators.map((i) => (
              <div key={i.key}>
                <b>{t(i.name)}</b>：{i.formula}（{t('权重')} {i.weight}）
              </div>
            ))}
            <div>
              <b>{t('综合得分')}</b>：{data.towns.compositeFormula}
            </div>
          </div>
        </article>
      )}
    </div>
  );
}
