import { describe, expect, it } from 'vitest';
import { lastDayByHour } from './system';

describe('lastDayByHour', () => {
  it('answers the 24 hours up to the current one, oldest first, empty hours as zeros', () => {
    const now = new Date('2025-03-01T12:34:56.000Z');
    const hours = lastDayByHour(now, [
      { hour: new Date('2025-03-01T12:00:00.000Z'), sent: 7, failed: 1 },
      { hour: new Date('2025-02-28T13:00:00.000Z'), sent: 2, failed: 0 },
      // Older than a day: not shown.
      { hour: new Date('2025-02-28T12:00:00.000Z'), sent: 9, failed: 9 },
    ]);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ hour: new Date('2025-02-28T13:00:00.000Z'), sent: 2, failed: 0 });
    expect(hours[23]).toEqual({ hour: new Date('2025-03-01T12:00:00.000Z'), sent: 7, failed: 1 });
    expect(hours.slice(1, 23).every((h) => h.sent === 0 && h.failed === 0)).toBe(true);
  });
});
