// 人民调解协议书 as a PDF made on the server (issue 20): the printed page of the web app
// (web/src/pages/disputes/AgreementPrintPage.tsx) — parties, facts, terms, performance, the clause on its
// effect and judicial confirmation, the signature lines — on A4 in a CJK font. It is made from the same
// AgreementView the page prints, so the parties are named in full or masked exactly as on the page (and the
// full view is audited by the query that builds it).
import { chinaDayOf } from '../../domain/calendar/index.js';
import { chinaDateTime } from '../../domain/meeting/index.js';
import { PdfWriter } from '../documents/pdf.js';
import { formGrid, note } from '../documents/pdf-form.js';
import type { AgreementView } from './dispute-views.js';

/** 'YYYY年M月D日' in China time, or blanks to fill in by hand. */
function day(iso: string | null): string {
  if (!iso) return '____年__月__日';
  const [y, m, d] = chinaDayOf(new Date(iso)).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function agreementPdf(a: AgreementView): Promise<Buffer> {
  const pdf = new PdfWriter({ title: `人民调解协议书 ${a.number}`, subject: '人民调解协议书' });
  pdf.title('人民调解协议书', a.number);
  pdf.heading('当事人');
  for (const p of a.parties) {
    pdf.paragraph(
      `${p.role === 'applicant' ? '申请人' : '被申请人'}：${p.name}` +
        `${p.kind === 'person' && p.idNumber ? `，身份证号 ${p.idNumber}` : ''}${p.address ? `，住址 ${p.address}` : ''}`,
    );
  }
  pdf.heading('纠纷主要事实、争议事项');
  pdf.paragraph(`${a.typeName}：${a.title}。${a.description}`, { indent: true });
  pdf.paragraph(
    `经${a.committee}${a.mediatorName ? `（调解员 ${a.mediatorName}）` : ''}主持调解（共 ${a.sessions} 次），当事人自愿达成如下协议：`,
    { indent: true },
  );
  pdf.heading('协议内容');
  pdf.paragraph(a.terms);
  pdf.heading('履行方式、时限');
  pdf.paragraph(a.performBy ? `本协议于${day(a.performBy)}前履行完毕。` : '按上述协议内容约定的方式和期限履行。', {
    indent: true,
  });
  pdf.paragraph(
    '本协议一式三份，当事人、人民调解委员会各持一份，自各方当事人签名（盖章）、人民调解员签名并加盖人民调解委员会印章之日起生效。' +
      '当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。',
    { indent: true },
  );
  pdf.doc.moveDown(1);
  formGrid(
    pdf,
    [
      [
        { text: '申请人（签名）：', width: 1 },
        { text: '被申请人（签名）：', width: 1 },
      ],
      [
        { text: '人民调解员（签名）：', width: 1 },
        { text: `${a.committee}（盖章）\n${day(a.signedAt ?? a.agreedAt)}`, width: 1 },
      ],
    ],
    { size: 10.5, minHeight: 60 },
  );
  note(
    pdf,
    `纠纷编号 ${a.disputeNumber}${a.signedAt ? ` · 已于 ${chinaDateTime(new Date(a.signedAt))} 签署` : ' · 待签署'}`,
    'left',
  );
  return pdf.finish(`人民调解协议书 ${a.number}`);
}
