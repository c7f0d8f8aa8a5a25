import { Anchor, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { campaignTitle } from '../campaigns/campaign-title';
import { CampaignStatusBadge } from '../campaigns/status-badges';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { DashboardSummary } from './use-dashboard';

type Running = DashboardSummary['running'][number];

/** Running and paused campaigns, each following its own live progress feed. */
export function RunningCampaigns({ campaigns }: { campaigns: Running[] }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="running-title">
      <Title order={2} size="h4" mb="sm" id="running-title">
        {t('dashboard.running')}
      </Title>
      {campaigns.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.running.none')}
        </Text>
      ) : (
        <Stack gap="md">
          {campaigns.map((campaign) => (
            <LiveCampaign key={campaign.id} initial={campaign} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function LiveCampaign({ initial }: { initial: Running }) {
  const { t, formatId, formatNumber, formatPercent } = useI18n();
  const [live, setLive] = useState(initial);
  const utils = trpc.useUtils();
  // Sends move today's numbers too: recount once things settle, not on every event.
  const recount = useDebouncedCallback(() => void utils.dashboard.summary.invalidate(), 3_000);
  trpc.campaigns.onProgress.useSubscription(
    { id: initial.id },
    {
      onData: ({ data }) => {
        setLive((old) => ({ ...old, ...data }));
        recount();
      },
    },
  );
  const done = live.sentCount + live.failedCount + live.skippedCount;
  const percent = live.totalRecipients ? Math.min(100, Math.round((done / live.totalRecipients) * 100)) : 0;
  const title = campaignTitle(live, { t, formatId });
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Anchor component={Link} to={`/campaigns/${live.id}`} fw={500}>
          <bdi>{title}</bdi>
        </Anchor>
        <CampaignStatusBadge status={live.status} />
      </Group>
      {/* One progressbar with the value in the reader's digits (Mantine's own says `41%`). */}
      <Progress.Root
        role="progressbar"
        aria-label={t('dashboard.progressOf', { title })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={formatPercent(percent)}
      >
        <Progress.Section
          value={percent}
          withAria={false}
          color={live.status === 'PAUSED' ? 'yellow' : 'teal'}
          animated={live.status === 'RUNNING'}
        />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {t('dashboard.progress', {
          done: formatNumber(done),
          total: formatNumber(live.totalRecipients),
          percent: formatPercent(percent),
        })}
      </Text>
    </Stack>
  );
}
