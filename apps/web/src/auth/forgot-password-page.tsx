import {
  Alert,
  Anchor,
  Button,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

const FIELDS = ['identifier', 'code', 'password'] as const;

/** Two steps: ask for a code (by SMS or email), then set a new password with it. */
export function ForgotPasswordPage() {
  const t = useT();
  const [identifier, setIdentifier] = useState('');
  const [channel, setChannel] = useState<'SMS' | 'EMAIL'>('EMAIL');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const request = trpc.auth.requestPasswordReset.useMutation();
  const reset = trpc.auth.resetPassword.useMutation();
  const errors = formErrors(reset.error ?? request.error, FIELDS, t('errors.offline'));

  const ask = (event: FormEvent) => {
    event.preventDefault();
    reset.reset();
    request.mutate({ identifier, channel });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ identifier, code, password });
  };

  if (reset.isSuccess) {
    return (
      <Stack>
        <Alert color="teal">{t('auth.reset.done')}</Alert>
        <Anchor component={Link} to="/login">
          {t('auth.reset.toLogin')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack>
      <Title order={2} size="h3" id="reset-title">
        {t('auth.reset.title')}
      </Title>
      <FormErrorAlert message={errors.general} />
      <form onSubmit={ask} aria-labelledby="reset-title" noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('auth.reset.identifier')}
            autoComplete="username"
            required
            value={identifier}
            onChange={(e) => setIdentifier(e.currentTarget.value)}
            error={fieldError(errors.fields.identifier)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="reset-channel">
              {t('auth.reset.channel')}
            </Text>
            <SegmentedControl
              aria-labelledby="reset-channel"
              value={channel}
              onChange={(value) => setChannel(value as 'SMS' | 'EMAIL')}
              data={[
                { value: 'EMAIL', label: t('auth.reset.email') },
                { value: 'SMS', label: t('auth.reset.sms') },
              ]}
            />
          </Stack>
          <Button
            type="submit"
            variant={request.isSuccess ? 'default' : 'filled'}
            loading={request.isPending}
          >
            {t('auth.reset.send')}
          </Button>
        </Stack>
      </form>
      {request.isSuccess && (
        <form onSubmit={submit} aria-label={t('auth.reset.submit')} noValidate>
          <Stack gap="sm">
            <Alert color="blue">{t('auth.reset.sent')}</Alert>
            <TextInput
              label={t('auth.reset.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              dir="ltr"
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fieldError(errors.fields.code)}
            />
            <PasswordInput
              label={t('auth.reset.newPassword')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(errors.fields.password)}
            />
            <Button type="submit" loading={reset.isPending}>
              {t('auth.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.reset.toLogin')}
      </Anchor>
    </Stack>
  );
}
