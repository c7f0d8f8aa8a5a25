import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { FormErrorAlert } from '../components/form-errors';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';

const MIN_REASON = 3;
const MAX_REASON = 500;

/** Why a ban reason is refused before it reaches the server; null when it is fine. */
export function banReasonProblem(reason: string): MessageKey | null {
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON) return 'admin.user.banReasonRequired';
  if (trimmed.length > MAX_REASON) return 'admin.user.banReasonTooLong';
  return null;
}

/**
 * Banning asks for a reason (the user reads it at their next sign-in attempt). `error` is
 * the server's refusal, already in the admin's language, shown beside the button.
 */
export function BanForm({
  pending,
  error,
  onBan,
}: {
  pending: boolean;
  error: string | null;
  onBan(reason: string): void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = banReasonProblem(reason);
        setProblem(found);
        if (!found) onBan(reason.trim());
      }}
    >
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('admin.user.banHelp')}
        </Text>
        <Textarea
          label={t('admin.user.banReason')}
          description={t('admin.user.banReasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problem ? t(problem) : undefined}
          autosize
          minRows={2}
          maxLength={MAX_REASON + 1}
          required
        />
        <FormErrorAlert message={error} />
        <Button type="submit" color="red" leftSection={<IconBan size={16} aria-hidden />} loading={pending}>
          {t('admin.user.ban')}
        </Button>
      </Stack>
    </form>
  );
}
