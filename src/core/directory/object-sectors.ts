import type { Sector } from './sectors.ts';

/** Finds the sector a piece of 检查对象 text names (findSector today; the bureau's matching table later). */
export type SectorLookup = (text: string) => Pick<Sector, 'code'> | undefined;

export interface ObjectSectors {
  /** Sector codes the text names, in order, without repeats. */
  readonly sectors: readonly string[];
  /** Parts that name no known sector (reported as a warning on the row, never an error). */
  readonly unmatched: readonly string[];
}

/** Separators between values of a 检查对象 cell; never inside brackets. */
const SEPARATORS = new Set(['、', '，', ',', '；', ';']);
const OPEN = new Set(['（', '(', '【', '[']);
const CLOSE = new Set(['）', ')', '】', ']']);

/**
 * Splits free-text 检查对象 at its top-level 、，,； — never inside （）() brackets, so
 * "轻工企业（食品、酿酒、造纸）" is one value — and trims each part.
 */
export function splitObjectText(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The sectors of a checklist item's 检查对象 (free text kept whole elsewhere): the whole text if
 * it names a sector, else each top-level part; a part matches as written or without its
 * bracketed detail ("轻工企业（食品、酿酒、造纸）" → 轻工企业). `lookup` is a parameter so a
 * bureau-maintained matching table can replace findSector.
 */
export function sectorsOfObjectText(text: string, lookup: SectorLookup): ObjectSectors {
  const whole = lookup(text.trim());
  if (whole) return { sectors: [whole.code], unmatched: [] };
  const sectors: string[] = [];
  const unmatched: string[] = [];
  for (const part of splitObjectText(text)) {
    const sector = lookup(part) ?? lookup(part.replace(/[（(【[].*$/u, '').trim());
    if (!sector) unmatched.push(part);
    else if (!sectors.includes(sector.code)) sectors.push(sector.code);
  }
  return { sectors, unmatched };
}
