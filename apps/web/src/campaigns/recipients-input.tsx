import type { CountryCode } from '@chapar/domain';
import { Text } from '@mantine/core';
import { useId, useMemo } from 'react';
import { LinesTextarea } from '../components/lines-textarea';
import { useT } from '../i18n/i18n-provider';
import { parseRecipients, summarizeRecipients } from './recipients-parse';

interface Props {
  value: string;
  onChange(value: string): void;
  country: CountryCode;
  error?: string | undefined;
}

/** The "one per line: phone[, name]" box, with a live count of what it holds. */
export function RecipientsInput({ value, onChange, country, error }: Props) {
  const t = useT();
  const summaryId = useId();
  const summary = useMemo(() => {
    const rows = parseRecipients(value);
    return rows.length === 0 ? null : { rows: rows.length, ...summarizeRecipients(rows, country) };
  }, [value, country]);
  return (
    <div>
      <LinesTextarea
        label={t('recipients.input.label')}
        description={t('recipients.input.hint')}
        placeholder={t('recipients.input.placeholder')}
        maxRows={14}
        // Typed lines take their own direction; the empty box (and its placeholder) the page's.
        dir={value ? 'auto' : undefined}
        value={value}
        onChange={onChange}
        error={error}
        aria-describedby={summaryId}
      />
      <Text id={summaryId} size="sm" c="dimmed" mt={4} aria-live="polite">
        {summary ? t('recipients.input.summary', summary) : t('recipients.input.none')}
      </Text>
    </div>
  );
}
