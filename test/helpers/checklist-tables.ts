import iconv from 'iconv-lite';
import { buildXlsx, cell } from './xlsx.ts';

/**
 * Two checklist tables as county 应急管理局 publish them (issue 20, item 5), each with its title
 * row above the header. Table A: a county's 抽查事项清单 (抽查类别 | 检查对象 | …), no codes and
 * no names. Table B: items with their sub-items (编号 | 抽查事项名称 | 抽查子项 | …), the item's
 * cells repeated over its sub-item rows (CSV) or merged down over them (XLSX).
 */
export const TABLE_A_TITLE = 'XX县应急管理局2026年双随机抽查事项清单';
export const TABLE_A_HEADERS = ['抽查类别', '检查对象', '事项类别', '检查方式', '检查主体', '检查依据'] as const;
const LAW = '《中华人民共和国安全生产法》';
export const TABLE_A_ROWS: readonly (readonly string[])[] = [
  ['一般检查', '危险化学品经营企业（不带储存设施）', '行政检查', '双随机抽查', 'XX县应急管理局', '《危险化学品安全管理条例》第六条；《危险化学品经营许可证管理办法》'],
  ['重点检查', '危险化学品企业', '行政检查', '双随机抽查、现场检查', 'XX县应急管理局', `${LAW}第六十五条；《危险化学品重大危险源监督管理暂行规定》`],
  ['一般检查', '非煤矿山', '行政检查', '双随机抽查', 'XX县应急管理局', '《金属非金属矿山安全规程》；《非煤矿矿山企业安全生产许可证实施办法》'],
  ['重点检查', '非煤矿山（尾矿库）', '行政检查', '双随机抽查、现场检查', 'XX县应急管理局', '《尾矿库安全监督管理规定》第五条'],
  ['一般检查', '烟花爆竹批发企业', '行政检查', '双随机抽查', 'XX县应急管理局', '《烟花爆竹安全管理条例》；《烟花爆竹经营许可实施办法》'],
  ['一般检查', '烟花爆竹零售经营单位', '行政检查', '双随机抽查', 'XX县应急管理局、乡镇人民政府', '《烟花爆竹经营许可实施办法》第二十条'],
  ['一般检查', '加油站', '行政检查', '双随机抽查', 'XX县应急管理局', '《危险化学品安全管理条例》；《汽车加油加气加氢站技术标准》'],
  ['一般检查', '冶金、有色企业', '行政检查', '双随机抽查', 'XX县应急管理局', `${LAW}；《工贸企业重大事故隐患判定标准》`],
  ['一般检查', '建材企业', '行政检查', '双随机抽查', 'XX县应急管理局', `${LAW}；《工贸企业重大事故隐患判定标准》`],
  ['重点检查', '工贸行业粉尘涉爆企业', '行政检查', '双随机抽查、现场检查', 'XX县应急管理局', '《工贸企业粉尘防爆安全规定》第四条'],
  ['一般检查', '工贸行业有限空间作业企业', '行政检查', '双随机抽查', 'XX县应急管理局', '《工贸企业有限空间作业安全规定》'],
  ['一般检查', '轻工企业（食品、酿酒、造纸）', '行政检查', '双随机抽查', 'XX县应急管理局', `${LAW}第二十条`],
  ['一般检查', '机械、纺织、商贸企业', '行政检查', '双随机抽查', 'XX县应急管理局', `${LAW}第二十一条`],
  ['一般检查', '安全评价检测检验机构', '行政检查', '双随机抽查', 'XX县应急管理局', '《安全评价检测检验机构管理办法》第二十三条'],
];

export const TABLE_B_TITLE = 'XX县应急管理局随机抽查事项清单（2026年版）';
export const TABLE_B_HEADERS = ['编号', '抽查事项名称', '抽查子项', '抽查依据', '抽查主体', '抽查对象', '抽查比例', '抽查频次', '抽查方式', '检查人员要求', '备注'] as const;
type Item = { no: string; name: string; subs: string[]; basis: string; object: string; ratio: string; frequency: string; method: string; staff: string; note: string };
const SUBJECT = 'XX县应急管理局';
export const TABLE_B_ITEMS: readonly Item[] = [
  { no: '1', name: '危险化学品企业安全生产行政检查', subs: ['安全生产责任制落实情况', '重大危险源安全管理', '特殊作业安全管理'], basis: `${LAW}第二十一条；《危险化学品安全管理条例》`, object: '危险化学品企业', ratio: '不低于5%', frequency: '每年一次', method: '现场检查、查阅资料', staff: '具有行政执法证的执法人员2名以上', note: '' },
  { no: '2', name: '非煤矿山安全生产行政检查', subs: ['尾矿库安全管理', '露天矿山边坡管理'], basis: '《尾矿库安全监督管理规定》；《金属非金属矿山安全规程》', object: '非煤矿山（尾矿库）', ratio: '不低于10%', frequency: '每半年一次', method: '现场检查', staff: '执法人员2名以上，可邀请专家参加', note: '汛期前应检查尾矿库' },
  { no: '3', name: '烟花爆竹批发企业安全检查', subs: [], basis: '《烟花爆竹安全管理条例》第十九条', object: '烟花爆竹批发企业', ratio: '100%', frequency: '每年一次', method: '现场检查', staff: '执法人员2名以上', note: '春节前完成' },
  { no: '4', name: '加油站安全检查', subs: ['油罐区安全管理', '卸油作业安全管理'], basis: '《危险化学品安全管理条例》', object: '加油站', ratio: '根据实际情况确定', frequency: '根据实际情况确定', method: '现场检查', staff: '执法人员2名以上', note: '' },
  { no: '5', name: '工贸行业粉尘涉爆企业检查', subs: ['除尘系统安全', '粉尘清扫制度落实'], basis: '《工贸企业粉尘防爆安全规定》', object: '工贸行业粉尘涉爆企业', ratio: '不低于5%', frequency: '每季度一次', method: '现场检查、查阅资料', staff: '执法人员2名以上', note: '' },
  { no: '6', name: '有限空间作业安全检查', subs: [], basis: '《工贸企业有限空间作业安全规定》', object: '轻工企业（食品、酿酒、造纸）', ratio: '5%', frequency: '1次/年', method: '现场检查', staff: '执法人员2名以上', note: '' },
  { no: '7', name: '安全评价检测检验机构执业检查', subs: ['执业行为规范情况'], basis: '《安全评价检测检验机构管理办法》', object: '安全评价检测检验机构', ratio: '不低于3%', frequency: '每年一次', method: '查阅资料', staff: '执法人员2名以上', note: '' },
];

/** Table B's data rows, the item's values repeated on each of its sub-item rows (as a CSV has them). */
export const TABLE_B_ROWS: readonly (readonly string[])[] = TABLE_B_ITEMS.flatMap((item) =>
  (item.subs.length ? item.subs : ['']).map((sub) => [item.no, item.name, sub, item.basis, SUBJECT, item.object, item.ratio, item.frequency, item.method, item.staff, item.note]),
);

/** A CSV line with RFC 4180 quoting (the tables' legal bases have commas). */
const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** The table as a GBK CSV, its title on the first line, as Excel on a Chinese Windows saves it. */
export function tableCsvGbk(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const lines = [[title, ...headers.slice(1).map(() => '')], headers, ...rows].map(csvLine);
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
}

const column = (n: number) => String.fromCharCode(64 + n); // A…K is all the tables need

/**
 * The table as an XLSX: the title merged across the header's width, and each run of `merges`
 * (from row, rows) merged down in every column but `unmerged`: only the top cell holds the value.
 */
export function tableXlsx(title: string, headers: readonly string[], rows: readonly (readonly string[])[], runs: readonly { readonly start: number; readonly length: number }[] = [], unmerged: readonly number[] = []): Uint8Array {
  const width = headers.length;
  const hidden = new Set<string>();
  const mergeCells = [`A1:${column(width)}1`];
  for (const { start, length } of runs) {
    if (length < 2) continue;
    for (let c = 1; c <= width; c++) {
      if (unmerged.includes(c)) continue;
      mergeCells.push(`${column(c)}${start + 3}:${column(c)}${start + 2 + length}`);
      for (let r = start + 1; r < start + length; r++) hidden.add(`${r}:${c}`);
    }
  }
  const row = (n: number, cells: readonly string[]) => `<row r="${n}">${cells.map((text, i) => (text === '' ? '' : cell(`${column(i + 1)}${n}`, text))).join('')}</row>`;
  const sheetData = [
    row(1, [title]),
    row(2, headers),
    ...rows.map((cells, r) => row(r + 3, cells.map((text, c) => (hidden.has(`${r}:${c + 1}`) ? '' : text)))),
  ].join('');
  return buildXlsx({ sheetData, mergeCells });
}

/** Table B's runs of sub-item rows (0-based data row, rows), for tableXlsx. */
export function tableBRuns(): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  let at = 0;
  for (const item of TABLE_B_ITEMS) {
    const length = Math.max(1, item.subs.length);
    runs.push({ start: at, length });
    at += length;
  }
  return runs;
}
