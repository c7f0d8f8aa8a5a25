import { Textarea, type TextareaProps } from '@mantine/core';

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

type Props = Omit<TextareaProps, 'value' | 'onChange' | 'autosize' | 'minRows' | 'styles'> & {
  value: string;
  onChange(value: string): void;
};

/** A monospace box for a pasted list, one entry a line, that grows with what it holds. */
export function LinesTextarea({ value, onChange, ...props }: Props) {
  return (
    <Textarea
      {...props}
      autosize
      minRows={4}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      styles={MONOSPACE}
    />
  );
}
