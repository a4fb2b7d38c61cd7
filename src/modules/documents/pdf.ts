// PDF documents made on the server (issue 20): the monthly bulletin and, as they come, the other printable
// documents. pdfkit writes the file; the text is set in a CJK font found on the machine, embedded as a subset
// of the characters used, so the PDF shows the same on any reader. Nothing is downloaded at run time:
//   PDF_FONT          path of a TTF/OTF/TTC with Chinese glyphs (PDF_FONT_FAMILY: the face inside a .ttc)
//   otherwise         the first that exists of Debian's fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk,
//                     fonts-droid-fallback (README: `apt-get install fonts-wqy-microhei`).
// The layout follows the printed page of the web app: A4 portrait, 12 mm margins, a red title over a red rule,
// numbered section headings, bordered tables whose header row repeats on every page.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../core/errors.js';

export const FONT_CANDIDATES: { file: string; family?: string }[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

/** The CJK font PDFs are set in, or null when the machine has none. */
export function findCjkFont(
  env: Record<string, string | undefined> = process.env,
): { file: string; family?: string } | null {
  if (env.PDF_FONT) {
    return fs.existsSync(env.PDF_FONT) ? { file: env.PDF_FONT, family: env.PDF_FONT_FAMILY || undefined } : null;
  }
  return FONT_CANDIDATES.find((c) => fs.existsSync(c.file)) ?? null;
}

const MM = 72 / 25.4;
export const RED = '#b7282e';

export interface Column {
  title: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A4 document with the house style; `finish()` resolves to the file's bytes. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: { title: string; subject?: string }) {
    const font = findCjkFont();
    if (!font) {
      throw new AppError('INTERNAL', {
        message: '服务器未安装中文字体，无法生成 PDF：请安装 fonts-wqy-microhei（或设置 PDF_FONT 指向中文字体文件）',
      });
    }
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 14 * MM, bottom: 14 * MM, left: 12 * MM, right: 12 * MM },
      bufferPages: true,
      info: {
        Title: info.title,
        Subject: info.subject ?? info.title,
        Creator: '共治 Gongzhi',
        Producer: '共治 Gongzhi',
      },
      lang: 'zh-CN',
      displayTitle: true,
    });
    this.doc.registerFont('cjk', font.file, font.family as string);
    this.doc.font('cjk');
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when less than `height` points are left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, sub: string): void {
    const { doc } = this;
    doc
      .fillColor(RED)
      .fontSize(20)
      .text(text, this.left, doc.y, { width: this.width, align: 'center', characterSpacing: 2 });
    doc.moveDown(0.2).fillColor('#000').fontSize(10).text(sub, { width: this.width, align: 'center' });
    doc.moveDown(0.3);
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(1.5)
      .strokeColor(RED)
      .stroke();
    doc.moveDown(0.8);
  }

  heading(text: string): void {
    this.ensure(60);
    this.doc.moveDown(0.4).fillColor('#000').fontSize(13).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, options: { size?: number; color?: string; indent?: boolean } = {}): void {
    const { doc } = this;
    doc.fillColor(options.color ?? '#000').fontSize(options.size ?? 10.5);
    doc.text(options.indent ? `　　${text}` : text, this.left, doc.y, { width: this.width, lineGap: 3 });
    doc.moveDown(0.3);
  }

  /** A bordered table; rows that do not fit continue on the next page under a repeated header. */
  table(columns: Column[], rows: string[][], options: { size?: number } = {}): void {
    const { doc } = this;
    const size = options.size ?? 8.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 2.5;
    doc.fontSize(size);
    const heightOf = (cells: string[]) =>
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * pad }))) + 2 * pad;
    const drawRow = (cells: string[], header: boolean) => {
      const h = heightOf(cells);
      let x = this.left;
      const y = doc.y;
      if (header) doc.rect(x, y, this.width, h).fillColor('#f2f2f2').fill();
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        doc.rect(x, y, w, h).lineWidth(0.5).strokeColor('#888').stroke();
        doc
          .fillColor('#000')
          .fontSize(size)
          .text(cell, x + pad, y + pad, {
            width: w - 2 * pad,
            align: header ? 'center' : (columns[i]?.align ?? 'center'),
          });
        x += w;
      });
      doc.x = this.left;
      doc.y = y + h;
    };
    const header = columns.map((c) => c.title);
    this.ensure(heightOf(header) + 20);
    drawRow(header, true);
    for (const row of rows) {
      if (doc.y + heightOf(row) > this.bottom) {
        doc.addPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
    doc.moveDown(0.6);
  }

  /** Page numbers ("第 n 页 / 共 m 页") at the foot of every page, then the file's bytes. */
  async finish(footer: string): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .fillColor('#666')
        .fontSize(8)
        .text(`${footer}　第 ${i + 1} 页 / 共 ${range.count} 页`, this.left, doc.page.height - 9 * MM, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.done;
  }
}
