import { Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { resetRealtime } from '../trpc/client';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const MIN_LENGTH = 8;

/** Changing the password signs out every other device; this one stays signed in. */
export function PasswordForm() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      // The socket was opened with the session the change just ended; the next one opens
      // with the new cookie (the server would close it within seconds anyway).
      void resetRealtime();
      setCurrent('');
      setNext('');
      setRepeat('');
      notifySuccess(t('settings.password.changed'));
    },
  });
  const errors = formErrors(change.error, FIELDS, t('errors.offline'));
  // The server's reasons, said in the reader's language: each field can fail one way only.
  const currentError = errors.fields.currentPassword && t('settings.password.wrongCurrent');
  const nextError =
    (next !== '' && next.length < MIN_LENGTH ? t('settings.password.tooShort') : undefined) ??
    (errors.fields.newPassword && t('settings.password.sameOrInvalid'));
  const repeatError = repeat !== '' && repeat !== next ? t('settings.password.mismatch') : undefined;
  const ready = current !== '' && next.length >= MIN_LENGTH && repeat === next;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="password-title">
      <form onSubmit={submit} noValidate aria-labelledby="password-title">
        <Stack>
          <Title order={2} size="h4" id="password-title">
            {t('settings.password.title')}
          </Title>
          <FormErrorAlert message={errors.general} />
          <PasswordInput
            label={t('settings.password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(currentError)}
          />
          <PasswordInput
            label={t('settings.password.new')}
            description={t('auth.register.passwordHint')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={fieldError(nextError)}
          />
          <PasswordInput
            label={t('settings.password.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={fieldError(repeatError)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} disabled={!ready}>
              {t('settings.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
