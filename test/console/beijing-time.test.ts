import { describe, expect, it } from 'vitest';
import { beijingDateTime, beijingToday, beijingYear } from '../../src/console/components/beijing-time.ts';

// The console runs in the clerk's browser, whose time zone may be anything; what it shows is Beijing's.
describe('the console’s civil dates', () => {
  it('are Beijing’s: on 31 December after 16:00 UTC it is already the next day and year there', () => {
    const evening = new Date('2026-12-31T16:30:00Z');
    expect(beijingToday(evening)).toBe('2027-01-01');
    expect(beijingYear(evening)).toBe(2027);
    expect(beijingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(beijingDateTime('2026-12-31T16:30:00Z')).toBe('2027/01/01 00:30');
  });
});
