import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { idNumber, uscc } from './fixtures.ts';

/**
 * The files a new county (翠屏区, 511502) brings to its first import, as a clerk would have them:
 * the inspector directory as a GBK CSV out of an office spreadsheet, the enterprises as an XLSX.
 * Each comes in a first version with one wrong row and a corrected one.
 */
const SECTORS = ['危险化学品', '机械', '轻工', '商贸', '建材'] as const;
const TOWNSHIPS = ['西郊街道', '南岸街道', '李庄镇', '宗场镇'] as const;

const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** 8 inspectors of 翠屏区应急管理局, each enforcing in every sector of the enterprise file. */
export function inspectorsCsv(options: { wrongRow: boolean }): Buffer {
  const header = ['执法证号', '姓名', '性别', '身份证号', '联系电话', '执法证有效期至', '所属单位', '执法领域', '正式在编'];
  const names = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];
  const rows = names.map((name, i) => [
    `5115020${String(i + 1).padStart(5, '0')}`, name, i % 2 === 0 ? '男' : '女', idNumber(`511502198${i}0315${String(100 + i)}`),
    `1398831${String(1000 + i)}`, '2028-12-31', i < 4 ? '安全生产执法大队' : '危化股', SECTORS.join('、'), '是',
  ]);
  // The wrong row: a certificate valid until a date that does not exist.
  if (options.wrongRow) rows[3]![5] = '2028-02-30';
  return iconv.encode(`${[header, ...rows].map(csvLine).join('\r\n')}\r\n`, 'gbk');
}

export const ENTERPRISE_COUNT = 20;

/** 20 enterprises of 翠屏区 as an XLSX; the wrong version has a USCC whose check character is off. */
export async function enterprisesXlsx(options: { wrongRow: boolean }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '法定代表人', '注册地址', '行业类别', '风险等级', '所属乡镇', '重点单位']);
  for (let i = 0; i < ENTERPRISE_COUNT; i++) {
    const code = uscc(`91511502MA62CP${String(i).padStart(3, '0')}`);
    sheet.addRow([
      options.wrongRow && i === 6 ? `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}` : code,
      `宜宾翠屏${['化工', '机械', '轻工', '商贸', '建材'][i % 5]}有限公司第${i + 1}厂`, `法人${i + 1}`, `宜宾市翠屏区${TOWNSHIPS[i % 4]}${i + 1}号`,
      SECTORS[i % SECTORS.length], i % 7 === 0 ? '较大风险' : '一般风险', TOWNSHIPS[i % 4], i % 7 === 0 ? '是' : '否',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
