import { describe, expect, it } from 'vitest';
import { checkSchedule, suggestedSchedule, toLocalInput } from './wizard-schedule';

const now = new Date(2026, 10, 26, 13, 20);

describe('checkSchedule', () => {
  it('accepts a future local time and answers that instant', () => {
    const result = checkSchedule('2026-11-27T09:30', now);
    expect(result).toEqual({ ok: true, at: new Date(2026, 10, 27, 9, 30) });
  });

  it('refuses an empty or malformed value, the past and the next minute, and beyond a year', () => {
    expect(checkSchedule('', now)).toEqual({ ok: false, reason: 'wizard.schedule.missing' });
    expect(checkSchedule('tomorrow', now)).toEqual({ ok: false, reason: 'wizard.schedule.missing' });
    expect(checkSchedule('2026-11-26T13:00', now)).toEqual({ ok: false, reason: 'wizard.schedule.past' });
    expect(checkSchedule('2026-11-26T13:20', now)).toEqual({ ok: false, reason: 'wizard.schedule.past' });
    expect(checkSchedule('2026-11-26T13:22', now).ok).toBe(true);
    expect(checkSchedule('2027-11-27T13:20', now)).toEqual({ ok: false, reason: 'wizard.schedule.tooFar' });
  });
});

describe('suggestedSchedule', () => {
  it('is a whole hour at least an hour away, in the input’s format', () => {
    expect(suggestedSchedule(now)).toBe('2026-11-26T15:00');
    expect(suggestedSchedule(new Date(2026, 10, 26, 13, 0))).toBe('2026-11-26T14:00');
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });
});
