/** The latest a campaign may be scheduled, as the server allows. */
export const MAX_SCHEDULE_MS = 365 * 86_400_000;

export type ScheduleCheck =
  | { ok: true; at: Date }
  | { ok: false; reason: 'wizard.schedule.missing' | 'wizard.schedule.past' | 'wizard.schedule.tooFar' };

/**
 * Reads a `datetime-local` value (the browser's time zone) and checks it is in the future
 * (by a minute at least, so it is not past by the time it arrives) and within a year.
 */
export function checkSchedule(value: string, now: Date): ScheduleCheck {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return { ok: false, reason: 'wizard.schedule.missing' };
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  if (Number.isNaN(at.getTime())) return { ok: false, reason: 'wizard.schedule.missing' };
  if (at.getTime() < now.getTime() + 60_000) return { ok: false, reason: 'wizard.schedule.past' };
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_MS) return { ok: false, reason: 'wizard.schedule.tooFar' };
  return { ok: true, at };
}

/** A `datetime-local` value for a moment, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A sensible first suggestion: the next whole hour at least an hour away. */
export function suggestedSchedule(now: Date): string {
  const at = new Date(now.getTime() + 60 * 60_000);
  at.setMinutes(0, 0, 0);
  if (at.getTime() - now.getTime() < 60 * 60_000) at.setHours(at.getHours() + 1);
  return toLocalInput(at);
}
