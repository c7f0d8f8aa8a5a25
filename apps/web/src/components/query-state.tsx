import { Alert, Button, Group } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';
import { SectionSkeleton } from './page-skeleton';

/** What a page section shows while its query loads or after it failed. */
export function QueryState({ error, onRetry }: { error: ApiError | null; onRetry(): void }) {
  const t = useT();
  if (!error) return <SectionSkeleton />;
  return (
    <Alert color="red" title={t('errors.title')}>
      <Group justify="space-between">
        <bdi>{errorMessage(error, t('errors.offline'))}</bdi>
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
