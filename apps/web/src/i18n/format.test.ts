import { describe, expect, it } from 'vitest';
import { parseLocaleInteger } from './digits';
import { createFormatters } from './format';
import { localeOf } from './language';

describe('locale formatting', () => {
  const fa = createFormatters(localeOf('fa'));
  const en = createFormatters(localeOf('en'));

  it('writes numbers with each language’s digits and separators', () => {
    expect(en.formatNumber(12345)).toBe('12,345');
    expect(fa.formatNumber(12345)).toBe('۱۲٬۳۴۵');
    expect(fa.formatId(1234)).toBe('۱۲۳۴');
    expect(fa.formatPercent(42)).toMatch(/^۴۲\s?٪$/);
  });

  it('shows days in the Persian (Jalali) calendar in Persian', () => {
    // 21 March 2026 is 1 Farvardin 1405, the Persian new year.
    expect(fa.formatDay('2026-03-21')).toContain('۱۴۰۵');
    expect(fa.formatDay('2026-03-21')).toContain('فروردین');
    expect(en.formatDay('2026-03-21')).toBe('Mar 21, 2026');
    expect(fa.formatShortDay('2026-03-21')).toBe('۱ فروردین');
  });

  it('never moves a day to its neighbour, whatever the machine’s time zone', () => {
    expect(en.formatShortDay('2026-01-01')).toBe('Jan 1');
    expect(en.formatShortDay('2026-12-31')).toBe('Dec 31');
  });

  it('dates an instant with time in the reader’s calendar', () => {
    expect(fa.formatDate('2026-03-21T12:00:00Z')).toContain('۱۴۰۵');
    expect(en.formatDate('2026-03-21T12:00:00Z')).toContain('2026');
  });
});

describe('Persian digits in numeric inputs', () => {
  it('reads Persian, Arabic-Indic and Latin digits alike', () => {
    expect(parseLocaleInteger('۲۵۰')).toBe(250);
    expect(parseLocaleInteger('٢٥٠')).toBe(250);
    expect(parseLocaleInteger('250')).toBe(250);
    expect(parseLocaleInteger('۱٬۰۰۰')).toBe(1000);
    expect(parseLocaleInteger(' 1,000 ')).toBe(1000);
  });

  it('refuses what is not a whole number', () => {
    expect(parseLocaleInteger('')).toBeNull();
    expect(parseLocaleInteger('۱۲a')).toBeNull();
    expect(parseLocaleInteger('-5')).toBeNull();
    expect(parseLocaleInteger('1.5')).toBeNull();
  });
});
