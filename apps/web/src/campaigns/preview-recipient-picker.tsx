import { ActionIcon, Group, NativeSelect } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-provider';

export interface PickableRecipient {
  /** A stable key: the recipient id, or the row's place before the campaign exists. */
  key: string;
  phone: string;
  name: string | null;
}

/**
 * "name · phone" for a select option, where no markup can isolate directions: the name in
 * its own direction (FSI…PDI) and the number left to right (LRI…PDI), so a Persian name
 * does not pull "+98…" into its run and show it as "98…+".
 */
export function recipientLabel(r: Pick<PickableRecipient, 'name' | 'phone'>): string {
  const phone = `\u2066${r.phone}\u2069`;
  return r.name ? `\u2068${r.name}\u2069 · ${phone}` : phone;
}

/** "Preview for": a select over the first recipients, with previous / next buttons. */
export function PreviewRecipientPicker({
  recipients,
  value,
  onChange,
}: {
  recipients: readonly PickableRecipient[];
  value: string | null;
  onChange(key: string): void;
}) {
  const { t, dir } = useI18n();
  if (recipients.length === 0) return null;
  const index = value === null ? -1 : recipients.findIndex((r) => r.key === value);
  const current = index === -1 ? 0 : index;
  const go = (step: number) => {
    const next = recipients[current + step];
    if (next) onChange(next.key);
  };
  // "Previous" points to the start side: left in English, right in Persian.
  const [PrevIcon, NextIcon] =
    dir === 'rtl' ? [IconChevronRight, IconChevronLeft] : [IconChevronLeft, IconChevronRight];
  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <NativeSelect
        label={t('preview.recipient')}
        size="xs"
        miw={220}
        value={recipients[current]?.key ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={recipients.map((r) => ({ value: r.key, label: recipientLabel(r) }))}
      />
      <ActionIcon
        variant="default"
        size="input-xs"
        aria-label={t('preview.previous')}
        disabled={current <= 0}
        onClick={() => go(-1)}
      >
        <PrevIcon size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="default"
        size="input-xs"
        aria-label={t('preview.next')}
        disabled={current >= recipients.length - 1}
        onClick={() => go(1)}
      >
        <NextIcon size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
