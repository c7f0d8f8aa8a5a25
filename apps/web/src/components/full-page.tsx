import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';

export function FullPageLoader() {
  const t = useT();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: ApiError; onRetry(): void }) {
  const t = useT();
  return (
    <Center h="100vh" p="md">
      <Stack maw={480}>
        <Alert color="red" title={t('errors.title')}>
          <bdi>{errorMessage(error, t('errors.offline'))}</bdi>
        </Alert>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
