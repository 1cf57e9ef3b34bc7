import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ReportTable, SelfInspectionReport } from '../../core/compliance/report-sections.ts';

/** Noto Sans SC (STACK.md): pdfkit embeds only the glyphs used, so a report stays small. */
const FONT = join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular/NotoSansSC_400Regular.ttf');

const MARGIN = 56;
const CELL_PAD = 4;
const TABLE_SIZE = 8.5;

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Column widths: a short column (a date, a status) keeps its natural width, so that it never wraps
 * one character a line; the long ones share the rest in proportion to their longest text.
 */
function columnWidths(doc: Doc, table: ReportTable, width: number): number[] {
  const natural = table.columns.map((c, i) => Math.min(width * 0.5, Math.max(doc.widthOfString(c), ...table.rows.map((r) => doc.widthOfString(r[i] ?? ''))) + 2 * CELL_PAD + 1));
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= width) return natural.map((n) => (n / sum) * width);
  const share = width / natural.length;
  const fixed = natural.map((n) => n <= share);
  const fixedWidth = natural.reduce((a, n, i) => a + (fixed[i] ? n : 0), 0);
  const longTotal = sum - fixedWidth;
  return natural.map((n, i) => (fixed[i] ? n : (n / longTotal) * (width - fixedWidth)));
}

/** One row; `columns` is the table's headings, repeated when a row has to start a new page (null: this is the heading row). */
function drawRow(doc: Doc, cells: readonly string[], widths: readonly number[], columns: readonly string[] | null): void {
  const header = columns === null;
  const left = doc.page.margins.left;
  const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
  // A row that does not fit goes to the next page, under the table's headings again.
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    if (columns) drawRow(doc, columns, widths, null);
  }
  const top = doc.y;
  let x = left;
  for (const [i, w] of widths.entries()) {
    if (header) doc.rect(x, top, w, height).fillAndStroke('#eef2f7', '#888888').fillColor('#000000');
    else doc.rect(x, top, w, height).stroke('#888888');
    doc.text(cells[i] ?? '', x + CELL_PAD, top + CELL_PAD, { width: w - 2 * CELL_PAD });
    x += w;
  }
  doc.x = left;
  doc.y = top + height;
}

function drawTable(doc: Doc, table: ReportTable): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.fontSize(TABLE_SIZE);
  const widths = columnWidths(doc, table, width);
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.fontSize(10).text(table.title, { width }).moveDown(0.3).fontSize(TABLE_SIZE);
  drawRow(doc, table.columns, widths, null);
  for (const row of table.rows) drawRow(doc, row, widths, table.columns);
  doc.fontSize(10.5).moveDown(0.8);
}

/**
 * The self-inspection report as a printable A4 PDF: the title, the jurisdiction and year, each
 * section with its sentences and tables (continued across pages under their headings), and
 * 第 n 页 共 m 页 at the foot of every page. The Chinese font is embedded (subset).
 */
export function reportPdf(report: SelfInspectionReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: report.title, Creator: 'double-random' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', FONT);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(18).text(report.title, { width, align: 'center' }).moveDown(0.4);
  doc.fontSize(10).fillColor('#444444').text(report.subtitle, { width, align: 'center' }).fillColor('#000000').moveDown(1.2);
  for (const section of report.sections) {
    if (doc.y + 80 > doc.page.height - MARGIN) doc.addPage();
    doc.fontSize(13).text(section.heading, { width }).moveDown(0.4);
    doc.fontSize(10.5);
    for (const p of section.paragraphs) doc.text(p, { width, indent: 21, lineGap: 2 }).moveDown(0.3);
    doc.moveDown(0.4);
    for (const table of section.tables) drawTable(doc, table);
  }
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Writing in the bottom margin would start a new page: lift the margin while numbering.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(9).fillColor('#666666').text(`第 ${i + 1} 页　共 ${pages.count} 页`, MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
