/**
 * 抽查比例 of the checklist items a task is drawn for (issue 20, item 2): a task for an item with
 * a ratio draws at least ceil(ratio × the item's objects in the pool). A server check at lock;
 * the draw algorithm does not change. Integer arithmetic only: a ratio has at most two decimals.
 */
export interface RatioItem {
  readonly code: string;
  readonly name: string;
  /** Percent, up to two decimals (DECIMAL(5,2)). */
  readonly ratioPercent: number;
  readonly ratioText: string;
  /** Sectors of the item's objects; none: every enterprise of the pool is its object. */
  readonly sectors: readonly string[];
}

export interface RatioShortfall {
  readonly code: string;
  readonly name: string;
  readonly ratioText: string;
  /** The item's objects in the pool. */
  readonly objects: number;
  readonly needed: number;
  readonly drawn: number;
}

/** ceil(percent × n / 100), exactly: percent in hundredths of a percent, then an integer ceiling. */
export function enterprisesNeeded(percent: number, objects: number): number {
  const hundredths = Math.round(percent * 100);
  return Math.floor((hundredths * objects + 9_999) / 10_000);
}

/**
 * The items whose ratio the task's size does not meet. `poolSectors` is the sector of each
 * enterprise of the pool (after exclusions); `drawn` the number of enterprises the task draws.
 */
export function itemRatioShortfalls(items: readonly RatioItem[], poolSectors: readonly string[], drawn: number): RatioShortfall[] {
  const shortfalls: RatioShortfall[] = [];
  for (const item of items) {
    const objects = item.sectors.length === 0 ? poolSectors.length : poolSectors.filter((s) => item.sectors.includes(s)).length;
    const needed = enterprisesNeeded(item.ratioPercent, objects);
    if (drawn < needed) shortfalls.push({ code: item.code, name: item.name, ratioText: item.ratioText, objects, needed, drawn });
  }
  return shortfalls;
}
