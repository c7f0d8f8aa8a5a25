import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

const FIELDS = ['userId', 'days', 'messages', 'note'] as const;

/** Admins give a user days and messages by hand (support, refunds, deals); audit-logged by the server. */
export function GrantForm() {
  const { t, formatDate } = useI18n();
  const [userId, setUserId] = useState<number | string>('');
  const [days, setDays] = useState<number | string>(30);
  const [messages, setMessages] = useState<number | string>(1000);
  const [note, setNote] = useState('');
  const grant = trpc.admin.subscriptions.grant.useMutation();
  const errors = formErrors(grant.error, FIELDS, t('errors.offline'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate({
      userId: Number(userId),
      days: Number(days),
      messages: Number(messages),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-labelledby="grant-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="grant-title">
            {t('grant.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('grant.hint')}
          </Text>
          <FormErrorAlert message={errors.general} />
          <Group grow align="flex-start">
            <NumberInput
              label={t('grant.userId')}
              min={1}
              allowDecimal={false}
              value={userId}
              onChange={setUserId}
              error={fieldError(errors.fields.userId)}
              required
            />
            <NumberInput
              label={t('grant.days')}
              min={0}
              allowDecimal={false}
              value={days}
              onChange={setDays}
              error={fieldError(errors.fields.days)}
            />
            <NumberInput
              label={t('grant.messages')}
              min={0}
              allowDecimal={false}
              value={messages}
              onChange={setMessages}
              error={fieldError(errors.fields.messages)}
            />
          </Group>
          <TextInput
            label={t('grant.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError(errors.fields.note)}
          />
          {grant.data && (
            <Alert color="teal" data-testid="grant-result">
              {t('grant.done', { limit: grant.data.messageLimit, date: formatDate(grant.data.expiresAt) })}
            </Alert>
          )}
          <Button type="submit" loading={grant.isPending} w="fit-content">
            {t('grant.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
