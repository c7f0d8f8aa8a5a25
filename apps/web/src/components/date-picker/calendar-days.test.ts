import { describe, expect, it } from 'vitest';
import {
  addMonths,
  fromCalendar,
  monthWeeks,
  readDay,
  readTime,
  toCalendar,
  writeDay,
  writeTime,
} from './calendar-days';

describe('calendar days', () => {
  it('converts Gregorian days to Jalali and back, Nowruz and leap years included', () => {
    expect(toCalendar('2026-12-04', 'jalali')).toEqual({ year: 1405, month: 9, day: 13 });
    expect(toCalendar('2025-03-21', 'jalali')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(fromCalendar({ year: 1403, month: 12, day: 30 }, 'jalali')).toBe('2025-03-20'); // 1403 is leap
    expect(fromCalendar({ year: 1404, month: 12, day: 30 }, 'jalali')).toBeNull();
    expect(fromCalendar({ year: 2026, month: 2, day: 29 }, 'gregorian')).toBeNull();
    expect(toCalendar('2026-02-30', 'gregorian')).toBeNull();
  });

  it('agrees with Intl’s Persian calendar on every day of two years', () => {
    const intl = new Intl.DateTimeFormat('en-US-u-ca-persian', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const parts = Object.fromEntries(intl.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      expect(toCalendar(iso, 'jalali')).toEqual({
        year: Number.parseInt(parts.year!, 10),
        month: Number(parts.month),
        day: Number(parts.day),
      });
      expect(fromCalendar(toCalendar(iso, 'jalali')!, 'jalali')).toBe(iso);
    }
  });

  it('lays a month out in weeks from Saturday (Jalali) or Sunday (Gregorian)', () => {
    // 1 Azar 1405 is Sunday 22 November 2026: one empty cell (Saturday) before it.
    const azar = monthWeeks(1405, 9, 'jalali');
    expect(azar[0]!.slice(0, 2)).toEqual([null, '2026-11-22']);
    expect(azar.flat().filter(Boolean)).toHaveLength(30);
    // 1 December 2026 is a Tuesday: two empty cells (Sunday, Monday) first.
    const december = monthWeeks(2026, 12, 'gregorian');
    expect(december[0]!.slice(0, 3)).toEqual([null, null, '2026-12-01']);
    expect(december.every((week) => week.length === 7)).toBe(true);
  });

  it('writes and reads days in either calendar and any digits', () => {
    expect(writeDay('2026-12-04', 'jalali')).toBe('1405/09/13');
    expect(writeDay('2026-12-04', 'gregorian')).toBe('2026-12-04');
    expect(readDay('۱۴۰۵/۹/۱۳', 'jalali')).toBe('2026-12-04');
    expect(readDay('1405-09-13', 'jalali')).toBe('2026-12-04');
    expect(readDay(' 2026/12/04 ', 'jalali')).toBe('2026-12-04'); // a Gregorian year is read as one
    expect(readDay('2026-12-04', 'gregorian')).toBe('2026-12-04');
    expect(readDay('', 'jalali')).toBe('');
    expect(readDay('۱۴۰۵/۱۳/۰۱', 'jalali')).toBeNull();
    expect(readDay('tomorrow', 'gregorian')).toBeNull();
  });

  it('reads times of day in any digits', () => {
    expect(readTime('۱۴:۳۰')).toBe(14 * 60 + 30);
    expect(readTime('9:05')).toBe(9 * 60 + 5);
    expect(readTime('2359')).toBe(23 * 60 + 59);
    expect(readTime('24:00')).toBeNull();
    expect(readTime('')).toBe('');
    expect(writeTime(9 * 60 + 5)).toBe('09:05');
  });

  it('steps months across years', () => {
    expect(addMonths({ year: 1405, month: 12 }, 1)).toEqual({ year: 1406, month: 1 });
    expect(addMonths({ year: 1405, month: 1 }, -1)).toEqual({ year: 1404, month: 12 });
  });
});
