/** The reasons a drawn inspector may be replaced (卧龙 第二十条), with the words clerks write for them. */
export const REPLACEMENT_REASONS = {
  'post-change': { label: '岗位变动', aliases: ['岗位调整', '工作调动'] },
  'work-conflict': { label: '工作冲突', aliases: ['工作安排冲突'] },
  health: { label: '身体原因', aliases: ['健康原因', '身体健康原因', '生病'] },
} as const;

export type ReplacementReason = keyof typeof REPLACEMENT_REASONS;

/** A reason as written (its code, its label or an alias) as its code; undefined when it is none of them. */
export function replacementReasonCode(written: string): ReplacementReason | undefined {
  const text = written.trim();
  for (const [code, { label, aliases }] of Object.entries(REPLACEMENT_REASONS) as [ReplacementReason, { label: string; aliases: readonly string[] }][]) {
    if (text === code || text === label || aliases.includes(text)) return code;
  }
  return undefined;
}
