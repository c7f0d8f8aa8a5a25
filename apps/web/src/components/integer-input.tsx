import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { parseLocaleInteger } from '../i18n/digits';

interface IntegerInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'min' | 'max'> {
  value: number;
  /** Called with each whole number typed (within min–max); other text waits in the field. */
  onChange(value: number): void;
  min?: number;
  max?: number;
}

/**
 * A whole-number field that takes Persian and Arabic-Indic digits as well as 0–9 (Mantine's
 * NumberInput drops them). What is typed stays as typed; out of range or not a number, the
 * field says so through `error` and the value is not changed.
 */
export function IntegerInput({
  value,
  onChange,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
  ...props
}: IntegerInputProps) {
  const [text, setText] = useState(String(value));
  // A value changed from outside (a reset, a loaded campaign) replaces what was typed.
  useEffect(() => {
    setText((current) => (parseLocaleInteger(current) === value ? current : String(value)));
  }, [value]);
  return (
    <TextInput
      inputMode="numeric"
      {...props}
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const parsed = parseLocaleInteger(next);
        if (parsed !== null && parsed >= min && parsed <= max) onChange(parsed);
      }}
    />
  );
}
