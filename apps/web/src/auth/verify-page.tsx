import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert } from '../components/form-errors';
import { useI18n } from '../i18n/i18n-provider';
import { reasonText } from '../i18n/reasons';
import { errorMessage } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { useUser } from './user-context';

type Purpose = 'VERIFY_PHONE' | 'VERIFY_EMAIL';

/** Phone (by SMS) and email verification with one-time codes. */
export function VerifyPage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('verify.title')}
      </Title>
      <Text c="dimmed">{t('verify.intro')}</Text>
      <VerifyCard purpose="VERIFY_PHONE" address={user.phone} verifiedAt={user.phoneVerifiedAt} />
      <VerifyCard purpose="VERIFY_EMAIL" address={user.email} verifiedAt={user.emailVerifiedAt} />
    </Stack>
  );
}

export function VerifyCard({
  purpose,
  address,
  verifiedAt,
}: {
  purpose: Purpose;
  address: string;
  verifiedAt: string | null;
}) {
  const { t, language } = useI18n();
  const utils = trpc.useUtils();
  const [code, setCode] = useState('');
  const status = trpc.auth.codeStatus.useQuery(
    { purpose },
    {
      enabled: !verifiedAt,
      // The code sent at sign-up goes out in the background: look again until the provider answered.
      refetchInterval: (query) => (query.state.data?.delivery === 'SENDING' ? 2_000 : false),
    },
  );
  const request = trpc.auth.requestCode.useMutation({
    onSettled: () => utils.auth.codeStatus.invalidate({ purpose }),
  });
  const verify = trpc.auth.verifyCode.useMutation({
    onSuccess: (user) => {
      utils.auth.me.setData(undefined, user);
      setCode('');
    },
  });
  const label = purpose === 'VERIFY_PHONE' ? t('verify.phone') : t('verify.email');
  const error = request.error ?? verify.error;
  // A code sent earlier (at sign-up) that the provider refused; a request made here says its own.
  const lastSend = status.data;
  const earlierFailure =
    !request.data && !error && lastSend?.lastSendError
      ? reasonText(
          language,
          lastSend.lastSendReason?.code,
          lastSend.lastSendReason?.params,
          lastSend.lastSendError,
        )
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate({ purpose, code });
  };

  return (
    <Card withBorder data-testid={`verify-${purpose}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>
            {label}: <bdi dir="ltr">{address}</bdi>
          </Text>
          <Badge color={verifiedAt ? 'teal' : 'gray'} variant="light">
            {verifiedAt ? t('verify.verified') : t('verify.notVerified')}
          </Badge>
        </Group>
        {verify.isSuccess && <Alert color="teal">{t('verify.done')}</Alert>}
        {!verifiedAt && (
          <>
            <FormErrorAlert message={error ? errorMessage(error, t('errors.offline')) : earlierFailure} />
            {request.data && (
              <Text size="sm">
                {t('verify.sentTo')} <bdi dir="ltr">{request.data.sentTo}</bdi>
              </Text>
            )}
            <Group align="flex-end">
              <Button
                variant={request.data ? 'default' : 'filled'}
                loading={request.isPending}
                onClick={() => {
                  verify.reset();
                  request.mutate({ purpose });
                }}
              >
                {request.data ? t('verify.resend') : t('verify.send')}
              </Button>
            </Group>
            {/* A code may already be on its way (one is sent at sign-up): the field is always there. */}
            <form onSubmit={submit} aria-label={t('verify.submit')}>
              <Group align="flex-end">
                <TextInput
                  label={t('verify.code')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  dir="ltr"
                  w={160}
                  required
                />
                <Button type="submit" loading={verify.isPending} disabled={code.trim() === ''}>
                  {t('verify.submit')}
                </Button>
              </Group>
            </form>
          </>
        )}
      </Stack>
    </Card>
  );
}
