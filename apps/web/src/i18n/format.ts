/** Number and date formatting for a locale, with `Intl` only (`fa-IR` brings Persian digits and the Jalali calendar). */
export interface Formatters {
  formatNumber(n: number): string;
  /** A record number: the language's digits, no thousands separator. */
  formatId(n: number): string;
  /** 0–100 as a percentage, e.g. `42%` or `۴۲٪`. */
  formatPercent(percent: number): string;
  /** Date and time of an instant. */
  formatDate(iso: string): string;
  /** A calendar day given as `YYYY-MM-DD` (the reader's calendar, no time). */
  formatDay(day: string): string;
  /** The same day, short: day and month only (chart axes). */
  formatShortDay(day: string): string;
}

/** Noon UTC of the day, formatted in UTC, so no time zone can move it to a neighbour. */
const dayInstant = (day: string) => new Date(`${day}T12:00:00Z`);

export function createFormatters(locale: string): Formatters {
  const numbers = new Intl.NumberFormat(locale);
  const ids = new Intl.NumberFormat(locale, { useGrouping: false });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDays = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    formatNumber: (n) => numbers.format(n),
    formatId: (n) => ids.format(n),
    formatPercent: (percent) => percents.format(percent / 100),
    formatDate: (iso) => dates.format(new Date(iso)),
    formatDay: (day) => days.format(dayInstant(day)),
    formatShortDay: (day) => shortDays.format(dayInstant(day)),
  };
}
