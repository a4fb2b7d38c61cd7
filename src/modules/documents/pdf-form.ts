// A bordered grid of label and text cells without a header row (issue 20): the header block of the meeting
// minutes (会议时间 | … | 会议地点 | …) and the signature block of the mediation agreement, as the printed pages
// draw them. Label cells are shaded and centred, text cells left-aligned; a row that does not fit moves to the
// next page whole.
import type { PdfWriter } from './pdf.js';

export interface FormCell {
  text: string;
  /** Share of the grid's width. */
  width: number;
  label?: boolean;
}

export function formGrid(
  pdf: PdfWriter,
  rows: FormCell[][],
  options: { size?: number; minHeight?: number } = {},
): void {
  const { doc } = pdf;
  const size = options.size ?? 10;
  const pad = 4;
  const left = doc.page.margins.left;
  for (const row of rows) {
    const total = row.reduce((s, c) => s + c.width, 0);
    const widths = row.map((c) => (c.width / total) * pdf.width);
    doc.fontSize(size);
    const h = Math.max(
      options.minHeight ?? 0,
      ...row.map((c, i) => doc.heightOfString(c.text || ' ', { width: (widths[i] ?? 0) - 2 * pad }) + 2 * pad),
    );
    pdf.ensure(h);
    const y = doc.y;
    let x = left;
    row.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      if (cell.label) doc.rect(x, y, w, h).fillColor('#f2f2f2').fill();
      doc.rect(x, y, w, h).lineWidth(0.5).strokeColor('#888').stroke();
      doc
        .fillColor('#000')
        .fontSize(size)
        .text(cell.text, x + pad, y + pad, { width: w - 2 * pad, align: cell.label ? 'center' : 'left' });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  }
  doc.moveDown(0.6);
}

/** A line of small grey text aligned to the right (the printed pages' "生成于 …" and "纠纷编号 …"). */
export function note(pdf: PdfWriter, text: string, align: 'left' | 'right' = 'right'): void {
  const { doc } = pdf;
  doc.moveDown(0.4);
  doc.fillColor('#666').fontSize(8.5).text(text, doc.page.margins.left, doc.y, { width: pdf.width, align });
}
