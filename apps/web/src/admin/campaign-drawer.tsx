import { Alert, Drawer, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CampaignStatusBadge } from '../campaigns/status-badges';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { CampaignActions, campaignName } from './campaign-actions';
import type { AdminCampaign } from './types';

/** Any user's campaign, read-only but for pause and cancel. */
export function CampaignDrawer({ campaignId, onClose }: { campaignId: number | null; onClose(): void }) {
  const { t, formatId } = useI18n();
  const query = trpc.admin.campaigns.get.useQuery(
    { id: campaignId ?? 0 },
    { enabled: campaignId !== null, refetchInterval: 5_000 },
  );
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={campaignId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Title order={2} size="h4">
          {query.data ? <bdi>{campaignName(t, formatId, query.data)}</bdi> : t('common.loading')}
        </Title>
      }
    >
      {query.data ? (
        <CampaignDetail campaign={query.data} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Drawer>
  );
}

function CampaignDetail({ campaign: c }: { campaign: AdminCampaign }) {
  const { t, formatDate, formatId } = useI18n();
  return (
    <Stack data-testid="campaign-drawer">
      <Group gap="xs">
        <CampaignStatusBadge status={c.status} />
        <CampaignActions campaign={c} name={campaignName(t, formatId, c)} />
      </Group>
      {c.pausedReason && (
        <Alert color="yellow" title={t('admin.campaign.pausedReason')}>
          <bdi>{c.pausedReason}</bdi>
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        <Text size="sm" c="dimmed">
          {t('admin.campaign.owner')}
        </Text>
        <Text size="sm">
          <bdi>{c.ownerName ?? '—'}</bdi> <bdi dir="ltr">{c.ownerEmail ?? ''}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.campaign.interval')}
        </Text>
        <Text size="sm">{t(`interval.${c.interval}`)}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.campaigns.col.created')}
        </Text>
        <Text size="sm">{formatDate(c.createdAt)}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.campaign.started')}
        </Text>
        <Text size="sm">{c.startedAt ? formatDate(c.startedAt) : '—'}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.campaign.completed')}
        </Text>
        <Text size="sm">{c.completedAt ? formatDate(c.completedAt) : '—'}</Text>
      </SimpleGrid>
      <Text size="sm" data-testid="campaign-drawer-counts">
        {t('admin.campaign.counts', {
          total: c.totalRecipients,
          sent: c.sentCount,
          delivered: c.deliveredCount,
          read: c.readCount,
          failed: c.failedCount,
          skipped: c.skippedCount,
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('admin.campaign.message')}
      </Text>
      <Paper withBorder p="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <bdi>{c.message}</bdi>
        </Text>
      </Paper>
    </Stack>
  );
}
