import { describe, expect, it } from 'vitest';
import { isTimeZone, lastLocalDays, localDay, startOfLocalDay, startOfLocalMonth } from './local-days';

describe('local days', () => {
  // 2026-03-21 22:00 UTC is already 2026-03-22 01:30 in Tehran (UTC+3:30).
  const lateUtc = new Date('2026-03-21T22:00:00Z');

  it('names the day as the zone sees it', () => {
    expect(localDay(lateUtc, 'Asia/Tehran')).toBe('2026-03-22');
    expect(localDay(lateUtc, 'UTC')).toBe('2026-03-21');
  });

  it('finds local midnight, half-hour offsets included', () => {
    expect(startOfLocalDay(lateUtc, 'Asia/Tehran').toISOString()).toBe('2026-03-21T20:30:00.000Z');
    expect(startOfLocalDay(lateUtc, 'America/New_York').toISOString()).toBe('2026-03-21T04:00:00.000Z');
  });

  it('starts the month by the chosen calendar', () => {
    expect(startOfLocalMonth(lateUtc, 'UTC', 'gregory').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    // 2 Farvardin 1405 in Tehran: the Persian month began the day before (1 Farvardin = 21 March).
    expect(startOfLocalMonth(lateUtc, 'Asia/Tehran', 'persian').toISOString()).toBe(
      '2026-03-20T20:30:00.000Z',
    );
  });

  it('lists the last days oldest first, ending today', () => {
    expect(lastLocalDays(lateUtc, 'Asia/Tehran', 3)).toEqual(['2026-03-20', '2026-03-21', '2026-03-22']);
  });

  it('tells real zones from made-up ones', () => {
    expect(isTimeZone('Asia/Tehran')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
