import { Progress, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n-provider';

/** How far a file import has got: the share of the file read, then the final store. */
export function ImportProgress({ progress }: { progress: number | null }) {
  const { t, formatPercent } = useI18n();
  if (progress === null) return null;
  const percent = Math.round(progress * 100);
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress value={percent} size="sm" animated={percent >= 100} aria-label={t('import.submit')} />
      <Text size="xs" c="dimmed" aria-live="polite">
        {percent >= 100
          ? t('import.progress.storing')
          : t('import.progress.reading', { percent: formatPercent(percent) })}
      </Text>
    </Stack>
  );
}
