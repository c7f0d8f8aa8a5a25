import { Box, Group, Paper, Progress, SimpleGrid, Text } from '@mantine/core';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-provider';
import type { Campaign } from '../trpc/trpc';
import type { PaceEstimate } from './campaign-pace';
import { progressShares } from './campaign-status';
import { formatDuration } from './format-duration';

type CounterField =
  | 'totalRecipients'
  | 'sentCount'
  | 'deliveredCount'
  | 'readCount'
  | 'failedCount'
  | 'skippedCount';

const COUNTERS: Array<{ field: CounterField; label: MessageKey; id: string }> = [
  { field: 'totalRecipients', label: 'counters.total', id: 'total' },
  { field: 'sentCount', label: 'counters.sent', id: 'sent' },
  { field: 'deliveredCount', label: 'counters.delivered', id: 'delivered' },
  { field: 'readCount', label: 'counters.read', id: 'read' },
  { field: 'failedCount', label: 'counters.failed', id: 'failed' },
  { field: 'skippedCount', label: 'counters.skipped', id: 'skipped' },
];

/**
 * The six counters as a description list, then the bar of sent / failed / skipped with,
 * when given, the rate and the estimated finish.
 */
export function CampaignCounters({
  campaign,
  pace,
}: {
  campaign: Pick<Campaign, CounterField>;
  pace?: PaceEstimate | undefined;
}) {
  const i18n = useI18n();
  const { t, formatNumber, formatPercent } = i18n;
  const shares = progressShares(campaign);
  const processed = campaign.sentCount + campaign.failedCount + campaign.skippedCount;
  return (
    <Box component="section" aria-label={t('campaign.progress')}>
      <SimpleGrid component="dl" cols={{ base: 3, md: 6 }} spacing="sm" m={0}>
        {COUNTERS.map(({ field, label, id }) => (
          <Paper key={field} withBorder p="sm">
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(label)}
            </Text>
            <Text
              component="dd"
              size="xl"
              fw={700}
              m={0}
              data-testid={`count-${id}`}
              data-value={campaign[field]}
            >
              {formatNumber(campaign[field])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Progress.Root
        size="xl"
        mt="md"
        role="progressbar"
        aria-label={t('campaign.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shares.done)}
        aria-valuetext={formatPercent(shares.done)}
      >
        {/* The parts are the counters above; the bar speaks once, in the reader's digits. */}
        <Progress.Section value={shares.sent} color="teal" withAria={false} />
        <Progress.Section value={shares.failed} color="red" withAria={false} />
        <Progress.Section value={shares.skipped} color="gray" withAria={false} />
      </Progress.Root>
      <Group justify="space-between" mt={4}>
        <Text size="sm" c="dimmed">
          {t('campaign.processed', { done: processed, total: campaign.totalRecipients })}
        </Text>
        {pace?.perMinute != null && (
          <Text size="sm" c="dimmed" data-testid="campaign-pace" data-basis={pace.basis}>
            {t(pace.basis === 'observed' ? 'campaigns.pace.observed' : 'campaigns.pace.planned', {
              rate: formatNumber(Math.round(pace.perMinute * 10) / 10),
            })}
            {pace.remainingMs !== null &&
              ` · ${t('campaigns.pace.left', { duration: formatDuration(pace.remainingMs, i18n) })}`}
            {pace.finishAt !== null &&
              ` · ${t('campaigns.pace.finish', { at: formatClock(pace.finishAt, i18n.locale) })}`}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {formatPercent(shares.done)}
        </Text>
      </Group>
    </Box>
  );
}

/** A time of day, with the date only when it is not today. */
function formatClock(at: number, locale: string): string {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
}
