import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { useSignedIn } from './use-session-actions';

const FIELDS = ['name', 'email', 'phone', 'username', 'password'] as const;
type Field = (typeof FIELDS)[number];

export function RegisterPage() {
  const { t, language } = useI18n();
  const signedIn = useSignedIn();
  const updateProfile = trpc.auth.updateProfile.useMutation();
  const [form, setForm] = useState<Record<Field, string>>({
    name: '',
    email: '',
    phone: '',
    username: '',
    password: '',
  });
  // A new user's first step is linking a WhatsApp account.
  // The language the user registered in becomes their profile's (it is remembered per user).
  const register = trpc.auth.register.useMutation({
    onSuccess: async ({ user }) => {
      const withLanguage =
        user.locale === language
          ? user
          : await updateProfile.mutateAsync({ locale: language }).catch(() => user);
      // The dashboard greets a new user with the first step (link a WhatsApp number).
      await signedIn(withLanguage, '/dashboard');
    },
  });
  const errors = formErrors(register.error, FIELDS, t('errors.offline'));

  const field = (name: Field) => ({
    name,
    value: form[name],
    error: fieldError(errors.fields[name]),
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { username, ...rest } = form;
    register.mutate({ ...rest, username: username.trim() || null });
  };

  return (
    <form onSubmit={submit} aria-labelledby="register-title" noValidate>
      <Stack>
        <Title order={2} size="h3" id="register-title">
          {t('auth.register.title')}
        </Title>
        <FormErrorAlert message={errors.general} />
        <TextInput label={t('auth.register.name')} autoComplete="name" required {...field('name')} />
        <TextInput
          label={t('auth.register.email')}
          type="email"
          autoComplete="email"
          dir="ltr"
          required
          {...field('email')}
        />
        <TextInput
          label={t('auth.register.phone')}
          description={t('auth.register.phoneHint')}
          type="tel"
          autoComplete="tel"
          dir="ltr"
          required
          {...field('phone')}
        />
        <TextInput
          label={t('auth.register.username')}
          description={t('auth.register.usernameHint')}
          autoComplete="username"
          dir="ltr"
          {...field('username')}
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('auth.register.passwordHint')}
          autoComplete="new-password"
          required
          {...field('password')}
        />
        <Button type="submit" loading={register.isPending}>
          {t('auth.register.submit')}
        </Button>
        <Text size="sm" ta="center">
          {t('auth.register.haveAccount')}{' '}
          <Anchor component={Link} to="/login">
            {t('auth.register.toLogin')}
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
