import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { latinDigits } from '../../i18n/digits';

/**
 * Calendar days for the date fields: a day is held as `YYYY-MM-DD` in the Gregorian
 * calendar and the browser's time zone (what the URL and the API conversions use), and
 * shown, typed and laid out in the reader's calendar: Jalali for Persian, Gregorian for
 * English. jalaali-js converts (Borkowski's algorithm, the one `Intl`'s Persian calendar
 * agrees with for 1800–2256); names of months and weekdays come from `Intl`.
 */
export type CalendarKind = 'jalali' | 'gregorian';

/** A day in one calendar: year, month 1–12, day of month. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function gregorianValid(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A `YYYY-MM-DD` Gregorian day as a day of `kind`'s calendar; null when it is not a real day. */
export function toCalendar(iso: string, kind: CalendarKind): CalendarDate | null {
  const match = ISO_DAY.exec(iso);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  if (!gregorianValid(y, m, d)) return null;
  if (kind === 'gregorian') return { year: y, month: m, day: d };
  const { jy, jm, jd } = toJalaali(y, m, d);
  return { year: jy, month: jm, day: jd };
}

/** A day of `kind`'s calendar as a `YYYY-MM-DD` Gregorian day; null when it does not exist. */
export function fromCalendar(date: CalendarDate, kind: CalendarKind): string | null {
  const { year, month, day } = date;
  if (kind === 'gregorian') return gregorianValid(year, month, day) ? isoDay(year, month, day) : null;
  if (year < 1200 || year > 1700 || !isValidJalaaliDate(year, month, day)) return null;
  const { gy, gm, gd } = toGregorian(year, month, day);
  return isoDay(gy, gm, gd);
}

export function monthLength(year: number, month: number, kind: CalendarKind): number {
  if (kind === 'jalali') return jalaaliMonthLength(year, month);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month `delta` months after (or before) the given one. */
export function addMonths(
  { year, month }: Pick<CalendarDate, 'year' | 'month'>,
  delta: number,
): Pick<CalendarDate, 'year' | 'month'> {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Weeks start on Saturday in Iran and on Sunday in the English (US) calendar. */
export const firstWeekday = (kind: CalendarKind) => (kind === 'jalali' ? 6 : 0);

/**
 * A month laid out in weeks of seven `YYYY-MM-DD` days (null before the first and after
 * the last), the week starting on the calendar's first weekday.
 */
export function monthWeeks(year: number, month: number, kind: CalendarKind): Array<Array<string | null>> {
  const first = fromCalendar({ year, month, day: 1 }, kind);
  if (!first) return [];
  const weekday = new Date(`${first}T12:00:00Z`).getUTCDay();
  const lead = (weekday - firstWeekday(kind) + 7) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= monthLength(year, month, kind); day++) {
    cells.push(fromCalendar({ year, month, day }, kind));
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** How a day is written in the field: `1405/09/13` (Jalali) or `2026-12-04` (Gregorian). */
export function writeDay(iso: string, kind: CalendarKind): string {
  const date = toCalendar(iso, kind);
  if (!date) return '';
  const parts = [pad(date.year, 4), pad(date.month), pad(date.day)];
  return parts.join(kind === 'jalali' ? '/' : '-');
}

/**
 * What a person typed as a day: year, month and day in that order, separated by `/`, `-`,
 * `.` or spaces, in any digits. A four-digit year of 1700 or later is read as Gregorian
 * even in the Jalali calendar (someone typing 2026/12/04 means that day). Answers the
 * `YYYY-MM-DD` Gregorian day, '' for nothing typed, or null for text that is no day.
 */
export function readDay(text: string, kind: CalendarKind): string | null {
  const plain = latinDigits(text).trim();
  if (plain === '') return '';
  const match = /^(\d{4})\s*[/\-.\s]\s*(\d{1,2})\s*[/\-.\s]\s*(\d{1,2})$/.exec(plain);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const calendar = kind === 'jalali' && year >= 1700 ? 'gregorian' : kind;
  return fromCalendar({ year, month, day }, calendar);
}

/** A time of day typed as `HH:MM` (or `H.MM`, `HHMM`), in any digits: minutes since midnight, '' or null. */
export function readTime(text: string): number | '' | null {
  const plain = latinDigits(text).trim();
  if (plain === '') return '';
  const match = /^(\d{1,2})\s*[:.٫]?\s*(\d{2})$/.exec(plain);
  if (!match) return null;
  const [hours, minutes] = match.slice(1).map(Number) as [number, number];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

export function writeTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Today in the browser's time zone, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
