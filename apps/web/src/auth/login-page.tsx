import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { useSignedIn } from './use-session-actions';

const FIELDS = ['identifier', 'password'] as const;

/** Where the user was going before being sent to log in. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !['/login', '/register'].includes(from)
    ? from
    : '/dashboard';
}

export function LoginPage() {
  const t = useT();
  const location = useLocation();
  const signedIn = useSignedIn();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: ({ user }) => signedIn(user, returnPath(location.state)),
  });
  const errors = formErrors(login.error, FIELDS, t('errors.offline'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ identifier, password });
  };

  return (
    <form onSubmit={submit} aria-labelledby="login-title" noValidate>
      <Stack>
        <Title order={2} size="h3" id="login-title">
          {t('auth.login.title')}
        </Title>
        <FormErrorAlert message={errors.general} />
        <TextInput
          label={t('auth.login.identifier')}
          name="identifier"
          autoComplete="username"
          required
          value={identifier}
          onChange={(e) => setIdentifier(e.currentTarget.value)}
          error={fieldError(errors.fields.identifier)}
        />
        <PasswordInput
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(errors.fields.password)}
        />
        <Button type="submit" loading={login.isPending}>
          {t('auth.login.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('auth.login.forgot')}
        </Anchor>
        <Text size="sm" ta="center">
          {t('auth.login.noAccount')}{' '}
          <Anchor component={Link} to="/register">
            {t('auth.login.toRegister')}
          </Anchor>
        </Text>
        <Anchor component={Link} to="/pricing" size="sm" ta="center">
          {t('billing.public.see')}
        </Anchor>
      </Stack>
    </form>
  );
}
