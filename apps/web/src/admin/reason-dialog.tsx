import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormErrorAlert } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';

const MAX_REASON = 500;

/**
 * Asks before an admin action on someone else's campaign, with an optional reason for the
 * owner. `error` (already in the admin's language) stays in the dialog, next to the action.
 */
export function ReasonDialog({
  opened,
  title,
  body,
  confirmLabel,
  color,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  color: string;
  pending: boolean;
  error: string | null;
  onConfirm(reason: string | undefined): void;
  onClose(): void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [tooLong, setTooLong] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setTooLong(false);
    }
  }, [opened]);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={title}
      centered
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = reason.trim();
          const long = trimmed.length > MAX_REASON;
          setTooLong(long);
          if (!long) onConfirm(trimmed || undefined);
        }}
      >
        <Stack>
          <Text size="sm">{body}</Text>
          <Textarea
            label={t('admin.campaigns.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={tooLong ? t('admin.campaigns.reasonTooLong') : undefined}
            autosize
            minRows={2}
          />
          <FormErrorAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.back')}
            </Button>
            <Button type="submit" color={color} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
