import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { translate } from '../i18n/translate';
import { formatDuration } from './format-duration';

const i18n = (messages: typeof en, locale: string) => {
  const numbers = new Intl.NumberFormat(locale);
  return {
    t: (key: keyof typeof en, vars?: Record<string, string | number>) =>
      translate(messages, key, vars, (n) => numbers.format(n)),
  };
};

describe('formatDuration', () => {
  it('says durations to the precision that matters, in English', () => {
    const english = i18n(en, 'en-US');
    expect(formatDuration(44_600, english)).toBe('45 s');
    expect(formatDuration(12 * 60_000 + 20_000, english)).toBe('12 min');
    expect(formatDuration((3 * 60 + 20) * 60_000, english)).toBe('3 h 20 min');
    expect(formatDuration((2 * 24 + 4) * 3_600_000, english)).toBe('2 d 4 h');
    expect(formatDuration(-5, english)).toBe('0 s');
  });

  it('and in Persian, with Persian digits', () => {
    const persian = i18n(fa, 'fa-IR');
    expect(formatDuration((3 * 60 + 20) * 60_000, persian)).toBe('۳ ساعت و ۲۰ دقیقه');
    expect(formatDuration(45_000, persian)).toBe('۴۵ ثانیه');
  });
});
