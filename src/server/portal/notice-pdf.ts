import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fileURLToPath } from 'node:url';
import type { EnterpriseNotice } from './enterprise-notice.ts';
import { verificationPath } from './enterprise-urls.ts';

/** The one CJK font the project embeds (STACK.md): pdfkit subsets it, so a notice is a few kilobytes. */
const FONT = fileURLToPath(new URL('../../../node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', import.meta.url));


const MARGIN = 56;

/**
 * 检查通知书 as an A4 PDF with the embedded font and a QR code to the verification page. Its
 * creation date is the day it was issued and nothing else varies, so every download of the
 * same notice is the same bytes.
 */
export async function noticePdf(notice: EnterpriseNotice, origin: string): Promise<Buffer> {
  const verifyUrl = `${origin}${verificationPath(notice.drawId, notice.enterprise.uscc)}`;
  const issued = new Date(`${notice.issuedOn}T00:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN,
    info: { Title: `检查通知书 ${notice.enterprise.name}`, Author: notice.authority, Subject: notice.taskTitle, Creator: 'double-random', Producer: 'double-random', CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.registerFont('cjk', FONT);
  doc.font('cjk');

  doc.fontSize(12).text(notice.authority, { align: 'center' });
  doc.moveDown(0.3).fontSize(20).text('安全生产监督检查通知书', { align: 'center' });
  doc.moveDown(0.3).fontSize(11).text(notice.number ?? `抽查任务：${notice.taskTitle}`, { align: 'center' });
  doc.moveDown(1);

  doc.fontSize(12).text(`${notice.enterprise.name}（统一社会信用代码 ${notice.enterprise.uscc}）：`);
  doc.moveDown(0.4).fontSize(11).text(
    `根据“双随机、一公开”监管抽查工作安排，贵单位在“${notice.taskTitle}”中经随机抽取被确定为检查对象。${notice.covert ? '本次为暗查暗访任务，检查结束后告知。' : '现将有关事项通知如下：'}`,
    { indent: 22, lineGap: 3 },
  );

  const heading = (text: string) => doc.moveDown(0.6).fontSize(12).text(text).fontSize(11);
  heading('一、检查时间');
  doc.text(`检查日期：${notice.inspectionDate}（检查时段 ${notice.windowStart} 至 ${notice.windowEnd}）`, { indent: 22, lineGap: 2 });
  if (notice.leadNotice) doc.text(notice.leadNotice, { indent: 22, lineGap: 2 });

  heading('二、检查实施机关与检查人员');
  doc.text(`检查实施机关：${notice.authority}`, { indent: 22, lineGap: 2 });
  doc.text(`检查组：${notice.team.map((p) => `${p.name}（${p.role}）`).join('、')}`, { indent: 22, lineGap: 2 });
  doc.text('检查人员到达现场时出示行政执法证件。', { indent: 22, lineGap: 2 });

  heading('三、检查事项');
  if (notice.items.length === 0) doc.text('按本次抽查任务确定的检查事项。', { indent: 22 });
  notice.items.forEach((item, i) => doc.text(`${i + 1}. ${item.name}（${item.code}）`, { indent: 22, lineGap: 2 }));

  heading('四、贵单位的权利');
  notice.rights.forEach((r, i) => doc.text(`${i + 1}. ${r.title}：${r.text}${r.basis ? `（依据：${r.basis}）` : ''}`, { indent: 22, lineGap: 2, width }));

  heading('五、抽取核验');
  const qrTop = doc.y + 6;
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  doc.image(qr, MARGIN + 22, qrTop, { width: 110 });
  doc.text(`扫描二维码或访问下列网址，可查看本次抽取的承诺值、种子、抽取池与贵单位的入选概率，以及由公开数据重新推算的验证结果：`, MARGIN + 145, qrTop, { width: width - 145, lineGap: 2 });
  doc.moveDown(0.3).fontSize(9).text(verifyUrl, { width: width - 145 });
  doc.fontSize(11);
  doc.y = Math.max(doc.y, qrTop + 120);
  doc.x = MARGIN;

  doc.moveDown(1.2).text(notice.authority, { align: 'right' });
  doc.text(notice.issuedOn, { align: 'right' });
  doc.moveDown(0.8).fontSize(8).fillColor('#555555').text(`本通知书由“双随机、一公开”监管平台依据规则包「${notice.packName}」生成，内容自公告之日起不变；不含身份证号码、联系电话等个人信息。`, MARGIN, doc.y, { width });
  doc.end();
  return done;
}
