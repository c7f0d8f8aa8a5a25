import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { localeDigits, parseLocaleInteger } from '../i18n/digits';
import { useI18n } from '../i18n/i18n-provider';

interface IntegerInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'min' | 'max'> {
  value: number;
  /** Called with each whole number typed (within min–max); other text waits in the field. */
  onChange(value: number): void;
  min?: number;
  max?: number;
}

/**
 * A whole-number field that takes Persian and Arabic-Indic digits as well as 0–9 (Mantine's
 * NumberInput drops them) and shows the reader's digits (Persian ones in Persian, typed
 * Latin digits included). Out of range or not a number, the field says so through `error`
 * and the value is not changed.
 */
export function IntegerInput({
  value,
  onChange,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
  ...props
}: IntegerInputProps) {
  const { language } = useI18n();
  const written = (n: number) => localeDigits(String(n), language);
  const [text, setText] = useState(() => written(value));
  // A value changed from outside (a reset, a loaded campaign) replaces what was typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value or language rewrites the text
  useEffect(() => {
    setText((current) =>
      parseLocaleInteger(current) === value ? localeDigits(current, language) : written(value),
    );
  }, [value, language]);
  return (
    <TextInput
      inputMode="numeric"
      {...props}
      value={text}
      onChange={(event) => {
        const next = localeDigits(event.currentTarget.value, language);
        setText(next);
        const parsed = parseLocaleInteger(next);
        if (parsed !== null && parsed >= min && parsed <= max) onChange(parsed);
      }}
    />
  );
}
