import { Inflate } from 'fflate';
import { RATIO_FREE_BYTES, formatBytes } from './decode-limits.ts';
import { FileDecodeError, fail } from './file-problem.ts';

/**
 * The entries of a zip archive, from its central directory. fflate inflates; it does not say
 * where an entry starts, and reading an XLSX means reading its parts in an order of our own
 * (workbook, strings, styles, then the sheet) rather than the archive's.
 */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  /** As the archive declares it: checked against what really comes out. */
  readonly size: number;
  readonly localOffset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
/** A zip64 field; sizes past 2^53 cannot belong to a file we accept anyway. */
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

const unreadable = (why: string): never => fail('XLSX_UNREADABLE', `XLSX 文件无法读取：${why} / The XLSX file cannot be read: its zip structure is damaged`);

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes, then a comment of at most 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) unreadable('找不到 zip 目录');
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) unreadable('zip64 目录缺失');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) unreadable('zip64 目录损坏');
    count = u64(bytes, record + 32);
    offset = u64(bytes, record + 48);
  }
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) unreadable('zip 目录项损坏');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    let localOffset = u32(bytes, at + 42);
    const extraStart = at + 46 + nameLength;
    if (extraStart + extraLength > bytes.length) unreadable('zip 目录项损坏');
    // Zip64 extra field: only the values that are 0xFFFFFFFF above, in this order.
    for (let e = extraStart; e + 4 <= extraStart + extraLength; e += 4 + u16(bytes, e + 2)) {
      if (u16(bytes, e) !== 0x0001) continue;
      let field = e + 4;
      if (size === 0xffffffff) (size = u64(bytes, field)), (field += 8);
      if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, field)), (field += 8);
      if (localOffset === 0xffffffff) localOffset = u64(bytes, field);
    }
    const name = names.decode(bytes.subarray(at + 46, extraStart));
    entries.push({ name, method: u16(bytes, at + 10), compressedSize, size, localOffset });
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

/** Refuses, before inflating anything, a part whose declared size is out of bounds. */
export function checkDeclaredSize(entry: ZipEntry, maxCompressionRatio: number): void {
  if (entry.size > RATIO_FREE_BYTES && entry.size > entry.compressedSize * maxCompressionRatio) {
    fail(
      'XLSX_TOO_LARGE',
      `XLSX 文件中的 ${entry.name} 压缩了 ${Math.round(entry.size / Math.max(1, entry.compressedSize))} 倍，超过上限 ${maxCompressionRatio} 倍（IMPORT_MAX_COMPRESSION_RATIO），疑为压缩炸弹 / ${entry.name} inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))}-fold, more than the limit of ${maxCompressionRatio}`,
    );
  }
}

/** Pieces of compressed data inflated at a time: one piece inflates to ~1,000 times its size at most. */
const PIECE = 4096;

/**
 * Inflates one entry piece by piece, handing each inflated chunk on, and stops as soon as the
 * output passes the entry's declared size or `budget` (what is left of the inflated total):
 * memory stays at one chunk whatever the entry really holds.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: number, onChunk: (chunk: Uint8Array) => void): number {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) unreadable(`${entry.name} 的文件头损坏`);
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) unreadable(`${entry.name} 被截断`);
  const cap = Math.min(entry.size, budget);
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > cap) {
      if (cap === budget && budget < entry.size) {
        fail('XLSX_TOO_LARGE', `XLSX 文件解压后超过上限 ${formatBytes(budget)}（IMPORT_MAX_INFLATED_BYTES）/ The XLSX file inflates to more than the limit`);
      }
      fail('XLSX_TOO_LARGE', `XLSX 文件中的 ${entry.name} 解压后比它声明的 ${formatBytes(entry.size)} 更大，疑为压缩炸弹 / ${entry.name} inflates past its declared size`);
    }
    if (chunk.length > 0) onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 64 * PIECE) take(data.subarray(i, i + 64 * PIECE));
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      for (let i = 0; i < data.length; i += PIECE) inflater.push(data.subarray(i, i + PIECE), false);
      inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof FileDecodeError) throw error;
      unreadable(`${entry.name} 的压缩数据损坏`);
    }
  } else {
    unreadable(`${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
  }
  if (produced !== entry.size) unreadable(`${entry.name} 的大小与声明不符`);
  return produced;
}
