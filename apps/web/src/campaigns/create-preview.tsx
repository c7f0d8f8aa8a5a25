import { type CountryCode, normalizePhone } from '@chapar/domain';
import { Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { localPreview } from './local-preview';
import { MessageBubble } from './message-bubble';
import { type PickableRecipient, PreviewRecipientPicker } from './preview-recipient-picker';
import { PreviewWarnings } from './preview-warnings';
import type { RecipientRow } from './recipients-parse';

const CHOICES = 50;

/**
 * The message being written, as one of the pasted recipients will get it, rendered in the
 * browser as the user types. With a file, its columns are only known after the import.
 */
export function CreatePreview({
  message,
  rows,
  fromFile,
  country,
}: {
  message: string;
  rows: readonly RecipientRow[];
  fromFile: boolean;
  country: CountryCode;
}) {
  const t = useT();
  const [picked, setPicked] = useState<string | null>(null);
  const choices = useMemo<PickableRecipient[]>(
    () =>
      fromFile
        ? []
        : rows.slice(0, CHOICES).map((row, i) => {
            const phone = normalizePhone(row.phone, country);
            return { key: String(i), phone: phone.ok ? phone.e164 : row.phone, name: row.name };
          }),
    [rows, fromFile, country],
  );
  const index = Math.min(picked === null ? 0 : Number(picked), Math.max(0, choices.length - 1));
  const recipient = choices[index] ?? null;
  const preview = useMemo(() => localPreview(message, recipient, index), [message, recipient, index]);

  return (
    <Stack gap="xs" component="section" aria-labelledby="create-preview-title">
      <Text size="sm" fw={600} id="create-preview-title">
        {t('preview.title')}
      </Text>
      <PreviewRecipientPicker recipients={choices} value={recipient?.key ?? null} onChange={setPicked} />
      {!recipient && (
        <Text size="xs" c="dimmed">
          {fromFile ? t('preview.afterImport') : t('preview.noRecipients')}
        </Text>
      )}
      <MessageBubble text={preview.text} data-testid="create-preview" />
      <PreviewWarnings
        unknownVariables={preview.unknownVariables}
        problems={preview.problems}
        blankVariables={preview.blankVariables}
        unknownHint={fromFile ? t('preview.unknown.fileHint') : t('preview.unknown.pasteHint')}
      />
      {preview.hasVariants && (
        <Text size="xs" c="dimmed">
          {t('preview.variantsNote')}
        </Text>
      )}
    </Stack>
  );
}
