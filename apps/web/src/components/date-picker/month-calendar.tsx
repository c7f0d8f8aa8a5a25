import { ActionIcon, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { localeDigits } from '../../i18n/digits';
import { useI18n } from '../../i18n/i18n-provider';
import {
  addMonths,
  type CalendarKind,
  firstWeekday,
  localToday,
  monthWeeks,
  toCalendar,
} from './calendar-days';
import classes from './month-calendar.module.css';

const noon = (iso: string) => new Date(`${iso}T12:00:00Z`);

/**
 * One month of the reader's calendar (Jalali in Persian, weeks from Saturday; Gregorian in
 * English, weeks from Sunday) with buttons to the months around it. Days outside
 * `min`–`max` cannot be picked.
 */
export function MonthCalendar({
  kind,
  value,
  min,
  max,
  onPick,
}: {
  kind: CalendarKind;
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  onPick(day: string): void;
}) {
  const { t, locale, language, dir } = useI18n();
  const today = localToday();
  const [shown, setShown] = useState(() => {
    const start = toCalendar(value || today, kind) ?? toCalendar(today, kind)!;
    return { year: start.year, month: start.month };
  });
  const weeks = monthWeeks(shown.year, shown.month, kind);
  const names = useMemo(() => {
    const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' });
    const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    // 2024-06-01 was a Saturday; the week's names from the calendar's first weekday.
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = new Date(Date.UTC(2024, 5, 1 + ((firstWeekday(kind) - 6 + 7 + i) % 7)));
      return { short: weekday.format(date), long: weekdayLong.format(date) };
    });
    return { title, full, days };
  }, [locale, kind]);
  const firstDay = weeks.flat().find(Boolean);
  // "Previous" points toward the start of the line: right in Persian, left in English.
  const [Back, Forward] =
    dir === 'rtl' ? [IconChevronRight, IconChevronLeft] : [IconChevronLeft, IconChevronRight];

  return (
    <div className={classes.calendar}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('dateField.previousMonth')}
          onClick={() => setShown((s) => addMonths(s, -1))}
        >
          <Back size={16} aria-hidden />
        </ActionIcon>
        <Text fw={600} size="sm" aria-live="polite">
          {firstDay ? names.title.format(noon(firstDay)) : ''}
        </Text>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('dateField.nextMonth')}
          onClick={() => setShown((s) => addMonths(s, 1))}
        >
          <Forward size={16} aria-hidden />
        </ActionIcon>
      </Group>
      <table className={classes.grid}>
        <thead>
          <tr>
            {names.days.map((d) => (
              <th key={d.long} scope="col" abbr={d.long} className={classes.weekday}>
                {d.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((day, i) => (
                <td key={day ?? `empty-${i}`}>
                  {day && (
                    <UnstyledButton
                      className={classes.day}
                      aria-label={names.full.format(noon(day))}
                      aria-pressed={day === value}
                      aria-current={day === today ? 'date' : undefined}
                      data-selected={day === value || undefined}
                      data-today={day === today || undefined}
                      disabled={(min !== undefined && day < min) || (max !== undefined && day > max)}
                      onClick={() => onPick(day)}
                    >
                      {localeDigits(String(toCalendar(day, kind)?.day ?? ''), language)}
                    </UnstyledButton>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
