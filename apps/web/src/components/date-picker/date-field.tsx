import { ActionIcon, Box, CloseButton, Group, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { localeDigits } from '../../i18n/digits';
import { useI18n } from '../../i18n/i18n-provider';
import { type CalendarKind, localToday, readDay, writeDay } from './calendar-days';
import { MonthCalendar } from './month-calendar';

interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'min' | 'max'> {
  /** A `YYYY-MM-DD` Gregorian day in the browser's time zone, or '' for none. */
  value: string;
  onChange(day: string): void;
  min?: string | undefined;
  max?: string | undefined;
  /** Offer a button that empties the field (for optional filters). */
  clearable?: boolean;
}

export function calendarOf(language: 'en' | 'fa'): CalendarKind {
  return language === 'fa' ? 'jalali' : 'gregorian';
}

/**
 * A day, typed or picked from a calendar, in the reader's calendar and digits: Persian
 * readers type and see ۱۴۰۵/۰۹/۱۳ (Jalali), English ones 2026-12-04. Replaces the browser's
 * date input, which shows the Gregorian calendar and Latin digits whatever the page's
 * language. Text that is not a day waits in the field with a hint, the value unchanged;
 * `min`/`max` grey out the calendar's days and add a hint to a day typed beyond them.
 */
export function DateField({
  value,
  onChange,
  min,
  max,
  clearable = false,
  error,
  style,
  ...props
}: DateFieldProps) {
  const { t, language, formatDay } = useI18n();
  const kind = calendarOf(language);
  const written = (day: string) => localeDigits(writeDay(day, kind), language);
  const [text, setText] = useState(() => written(value));
  const [opened, setOpened] = useState(false);
  const [touched, setTouched] = useState(false);
  const dropdownId = useId();

  // A value set from outside (the calendar, a cleared filter, another language) replaces the text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value or language rewrites the text
  useEffect(() => {
    setText((current) =>
      readDay(current, kind) === value ? localeDigits(current, language) : written(value),
    );
  }, [value, kind]);

  const typed = readDay(text, kind);
  const problem = (() => {
    if (typed === null) return t('dateField.invalidDay', { example: written(localToday()) });
    if (typed === '') return null;
    if (min && typed < min) return t('dateField.tooEarly', { min: formatDay(min) });
    if (max && typed > max) return t('dateField.tooLate', { max: formatDay(max) });
    return null;
  })();

  const accept = (next: string) => {
    setText(written(next));
    setTouched(false);
    onChange(next);
  };

  return (
    // The roles go on the calendar button and the dropdown, not on the wrapping box (Mantine's own).
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      trapFocus
      shadow="md"
      withRoles={false}
    >
      {/* The whole field is the target, so its calendar button is not a click outside. */}
      <Popover.Target>
        <Box style={style}>
          <TextInput
            inputMode="numeric"
            autoComplete="off"
            placeholder={written(localToday())}
            {...props}
            value={text}
            error={error ?? (touched && problem)}
            onChange={(event) => {
              const next = localeDigits(event.currentTarget.value, language);
              setText(next);
              const day = readDay(next, kind);
              // A day outside min–max is still given (the caller's rule says why it is refused).
              if (day !== null && day !== value) {
                onChange(day);
              }
            }}
            onBlur={() => setTouched(true)}
            rightSectionWidth={clearable && value ? 60 : 34}
            rightSection={
              <Group gap={2} wrap="nowrap">
                {clearable && value && (
                  <CloseButton size="sm" aria-label={t('dateField.clear')} onClick={() => accept('')} />
                )}
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('dateField.open')}
                  aria-expanded={opened}
                  aria-haspopup="dialog"
                  aria-controls={dropdownId}
                  onClick={() => setOpened((o) => !o)}
                >
                  <IconCalendar size={16} aria-hidden />
                </ActionIcon>
              </Group>
            }
          />
        </Box>
      </Popover.Target>
      <Popover.Dropdown
        id={dropdownId}
        role="dialog"
        aria-label={typeof props.label === 'string' ? props.label : t('dateField.day')}
      >
        <MonthCalendar
          kind={kind}
          value={typed || value}
          min={min}
          max={max}
          onPick={(day) => {
            accept(day);
            setOpened(false);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
