import type { ExportLanguage } from './export-texts';

/** Year … second of an instant on the wall clock of a zone, in the given calendar's numbering. */
function wallClock(at: Date, timeZone: string, locale: string) {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/**
 * A CSV time as the reader's clock shows it: `2026-12-03 21:07:43` in English, the Jalali
 * `۱۴۰۵/۰۹/۱۲ ۲۱:۰۷:۴۳` in Persian. Fixed order, so it sorts and reads the same everywhere.
 */
export function csvTime(at: Date, timeZone: string, language: ExportLanguage): string {
  if (language === 'fa') {
    const c = wallClock(at, timeZone, 'fa-IR-u-ca-persian');
    return `${c.year}/${c.month}/${c.day} ${c.hour}:${c.minute}:${c.second}`;
  }
  const c = wallClock(at, timeZone, 'en-US-u-ca-gregory-nu-latn');
  return `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}:${c.second}`;
}

/**
 * The instant moved so that its UTC reading is the zone's wall clock. A spreadsheet date
 * cell has no time zone: ExcelJS writes a Date by its UTC reading, so this is what makes the
 * cell show the reader's local time.
 */
export function spreadsheetTime(at: Date, timeZone: string): Date {
  const c = wallClock(at, timeZone, 'en-US-u-ca-gregory-nu-latn');
  return new Date(
    Date.UTC(+c.year, +c.month - 1, +c.day, +c.hour, +c.minute, +c.second, at.getUTCMilliseconds()),
  );
}
