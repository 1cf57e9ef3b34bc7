/**
 * The mark of a rule the platform supplies where every source document is silent (the 3-working-day
 * 复查, the credit a serious non-cooperation costs…). Such a rule cites no clause (`cite: null`): it
 * must not borrow a pack's citation, which would claim the document says so.
 */
export const PLATFORM_DEFAULT = '平台默认（各文件未规定）';
