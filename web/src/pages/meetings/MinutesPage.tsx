// 会议纪要: the minutes as an A4 document on screen and on paper (the bulletin's print stylesheet; the browser's
// print dialog makes the PDF, and 下载 PDF gets the same document made on the server, format=pdf, issue 20):
// header, attendance, each item with its discussion, dispatch and decisions, and each decision's tasks with
// owner, deadline and state today.
import { ArrowLeftOutlined, DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import type { MinutesView } from './meeting-api';
import '../assessment/bulletin.css';

export default function MinutesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error, isLoading } = useQuery({
    queryKey: ['meetings', 'minutes', id],
    queryFn: () => api<MinutesView>(`/api/meetings/${id}/minutes`),
  });
  const a = data?.attendance;
  return (
    <div>
      <div className="gz-no-print">
        <PageTitle
          title={t('会议纪要')}
          extra={
            <Space wrap>
              <Link to={`/meetings/${id}?tab=minutes`}>
                <Button icon={<ArrowLeftOutlined />}>{t('返回会议')}</Button>
              </Link>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-minutes">
                {t('打印 / 存为 PDF')}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                href={`/api/meetings/${id}/minutes?format=pdf`}
                data-testid="minutes-pdf"
              >
                {t('下载 PDF')}
              </Button>
              <Button type="primary" icon={<DownloadOutlined />} href={`/api/meetings/${id}/minutes?format=xlsx`}>
                {t('导出决定事项 Excel')}
              </Button>
            </Space>
          }
        />
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading || !data || !a ? (
        <div style={{ padding: 60, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <article className="gz-bulletin" data-testid="minutes">
          <h1>{data.title}</h1>
          <div className="gz-bulletin-sub">
            {data.header.organiser} · {data.header.stateLabel}
            {data.header.published ? ` · ${t('发布于')} ${data.header.published}` : ''}
          </div>
          <div className="gz-bulletin-rule" />
          <table>
            <tbody>
              <tr>
                <th>{t('会议时间')}</th>
                <td className="gz-left">{data.header.time}</td>
                <th>{t('会议地点')}</th>
                <td className="gz-left">{data.header.place || '—'}</td>
              </tr>
              <tr>
                <th>{t('主持人')}</th>
                <td className="gz-left">{data.header.chair || '—'}</td>
                <th>{t('记录人')}</th>
                <td className="gz-left">{data.header.secretary || '—'}</td>
              </tr>
            </tbody>
          </table>
          <h2>{t('一、出席情况')}</h2>
          <p data-testid="minutes-attendance">
            {t('应到成员单位 {{m}} 个，实到 {{n}} 个（其中委托出席 {{s}} 个），缺席 {{a}} 个。', {
              m: a.summary.members,
              n: a.summary.present + a.summary.substitute,
              s: a.summary.substitute,
              a: a.summary.absent,
            })}
          </p>
          {a.present.length > 0 && (
            <p>
              <b>{t('出席单位')}：</b>
              {a.present.join('、')}
            </p>
          )}
          {a.substitute.length > 0 && (
            <p>
              <b>{t('委托出席')}：</b>
              {a.substitute.map((s) => `${s.unit}（${s.attendee}）`).join('、')}
            </p>
          )}
          {a.absent.length > 0 && (
            <p>
              <b>{t('缺席单位')}：</b>
              {a.absent.map((s) => (s.note ? `${s.unit}（${s.note}）` : s.unit)).join('、')}
            </p>
          )}
          {a.unrecorded.length > 0 && (
            <p>
              <b>{t('未登记')}：</b>
              {a.unrecorded.join('、')}
            </p>
          )}
          <h2>{t('二、议题及决定事项')}</h2>
          {data.items.map((item) => (
            <section key={item.no} data-testid="minutes-item">
              <h3 style={{ fontSize: 13, margin: '10px 0 4px' }}>
                （{item.no}）{item.title}
              </h3>
              {item.reason && (
                <p style={{ color: '#555' }}>
                  {t('提请理由')}：{item.reason}
                </p>
              )}
              {item.description && <p>{item.description}</p>}
              {item.discussion && (
                <p style={{ whiteSpace: 'pre-wrap' }}>
                  <b>{t('讨论情况')}：</b>
                  {item.discussion}
                </p>
              )}
              {item.dispatch && <p>{item.dispatch}</p>}
              {item.decisions.length > 0 && (
                <table data-testid="minutes-decisions">
                  <thead>
                    <tr>
                      <th style={{ width: '8%' }}>{t('序号')}</th>
                      <th className="gz-left">{t('决定事项')}</th>
                      <th>{t('责任单位')}</th>
                      <th>{t('协办单位')}</th>
                      <th>{t('完成期限')}</th>
                      <th>{t('当前状态')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.decisions.flatMap((d) =>
                      (d.tasks.length ? d.tasks : [null]).map((task, ti) => (
                        <tr key={`${d.ref}-${task?.id ?? 0}`}>
                          {ti === 0 && (
                            <>
                              <td rowSpan={Math.max(1, d.tasks.length)}>{d.no}</td>
                              <td className="gz-left" rowSpan={Math.max(1, d.tasks.length)}>
                                {d.text}
                              </td>
                            </>
                          )}
                          <td>{task?.owner ?? '—'}</td>
                          <td>{task?.assisting || '—'}</td>
                          <td>{task?.due ?? '—'}</td>
                          <td>{task ? t(task.stateLabel) : '—'}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              )}
            </section>
          ))}
          <h2>{t('三、落实要求')}</h2>
          <p>
            {t(
              '本次会议共形成决定事项 {{d}} 项，交办任务 {{n}} 项。各责任单位须在完成期限内办结并在平台报告办理结果；逾期未完成的，由上一级平台督办，并提交下次会议督查。',
              { d: data.totals.decisions, n: data.totals.tasks },
            )}
          </p>
          <div className="gz-formulas" style={{ marginTop: 16, textAlign: 'right' }}>
            {t('生成于')} {dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm')}
          </div>
        </article>
      )}
    </div>
  );
}
