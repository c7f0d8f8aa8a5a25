import { Fieldset, Group, Input, TextInput } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { localeDigits } from '../../i18n/digits';
import { useI18n } from '../../i18n/i18n-provider';
import { readTime, writeTime } from './calendar-days';
import { DateField } from './date-field';

/** `YYYY-MM-DDTHH:MM` (local time), split into its day and its minutes since midnight. */
function split(value: string): { day: string; minutes: number | '' } {
  const [day = '', time = ''] = value.split('T');
  const minutes = readTime(time);
  return { day, minutes: minutes === null ? '' : minutes };
}

/**
 * A moment as a day and a time of day, both typed in the reader's digits (the day in the
 * reader's calendar, see DateField). The value is `YYYY-MM-DDTHH:MM` in the browser's time
 * zone, as the browser's `datetime-local` input gave it, or '' while either part is missing;
 * the caller turns it into an instant.
 */
export function DateTimeField({
  label,
  description,
  error,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  description?: ReactNode;
  error?: ReactNode;
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
}) {
  const { t, language } = useI18n();
  const initial = split(value);
  const [day, setDay] = useState(initial.day);
  const [timeText, setTimeText] = useState(() =>
    initial.minutes === '' ? '' : localeDigits(writeTime(initial.minutes), language),
  );
  const [timeTouched, setTimeTouched] = useState(false);
  const minutes = readTime(timeText);

  useEffect(() => setTimeText((current) => localeDigits(current, language)), [language]);

  const emit = (nextDay: string, nextMinutes: number | '' | null) => {
    onChange(nextDay && typeof nextMinutes === 'number' ? `${nextDay}T${writeTime(nextMinutes)}` : '');
  };

  return (
    <Fieldset legend={label} variant="unstyled" maw={440}>
      {description && <Input.Description mb={6}>{description}</Input.Description>}
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <DateField
          label={t('dateField.day')}
          value={day}
          min={min}
          max={max}
          onChange={(next) => {
            setDay(next);
            emit(next, minutes);
          }}
          style={{ flex: 3 }}
        />
        <TextInput
          label={t('dateField.time')}
          inputMode="numeric"
          autoComplete="off"
          placeholder={localeDigits('14:30', language)}
          leftSection={<IconClock size={16} aria-hidden />}
          value={timeText}
          onChange={(event) => {
            const next = localeDigits(event.currentTarget.value, language);
            setTimeText(next);
            emit(day, readTime(next));
          }}
          onBlur={() => setTimeTouched(true)}
          error={
            timeTouched && minutes === null
              ? t('dateField.invalidTime', { example: localeDigits('14:30', language) })
              : undefined
          }
          style={{ flex: 2 }}
        />
      </Group>
      {error && <Input.Error mt={6}>{error}</Input.Error>}
    </Fieldset>
  );
}
