/**
 * Days as a person in a given time zone sees them, from `Intl` alone. A day is named by
 * its Gregorian `YYYY-MM-DD` (the SPA shows it in the reader's calendar); "this month" may
 * follow the Persian calendar, whose months start on other days.
 */
export type Calendar = 'gregory' | 'persian';

const DAY_MS = 86_400_000;

// Formatters by zone (and calendar): building one costs far more than formatting with it
// (tens of microseconds each; a dashboard call needs ~35 of them), and zones are few.
function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const dayOfMonthFormats = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(zone: string): boolean {
  if (clockFormats.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local date of an instant, `YYYY-MM-DD` (en-CA formats dates that way). */
export function localDay(at: Date, timeZone: string): string {
  return cachedFormat(
    dayFormats,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at);
}

/** Milliseconds since local midnight of `at` in the zone. */
function sinceLocalMidnight(at: Date, timeZone: string): number {
  const parts = cachedFormat(
    clockFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  ).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + at.getUTCMilliseconds();
}

/** The instant the local day of `at` began (a day with a clock change is off by that hour). */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  return new Date(at.getTime() - sinceLocalMidnight(at, timeZone));
}

/** The instant this local month began, in the given calendar. */
export function startOfLocalMonth(at: Date, timeZone: string, calendar: Calendar): Date {
  const dayOfMonth = Number(
    cachedFormat(
      dayOfMonthFormats,
      `${calendar} ${timeZone}`,
      () => new Intl.DateTimeFormat(`en-US-u-ca-${calendar}-nu-latn`, { timeZone, day: 'numeric' }),
    ).format(at),
  );
  const today = startOfLocalDay(at, timeZone);
  // Step back day by day from noon, so a clock change never lands us in the wrong day.
  return startOfLocalDay(new Date(today.getTime() + DAY_MS / 2 - (dayOfMonth - 1) * DAY_MS), timeZone);
}

/** The last `count` local days up to and including today's, oldest first. */
export function lastLocalDays(now: Date, timeZone: string, count: number): string[] {
  const noon = startOfLocalDay(now, timeZone).getTime() + DAY_MS / 2;
  return Array.from({ length: count }, (_, i) =>
    localDay(new Date(noon - (count - 1 - i) * DAY_MS), timeZone),
  );
}
