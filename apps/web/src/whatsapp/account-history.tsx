import { Anchor, Badge, Group, List, Stack, Text, Timeline } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { campaignTitle } from '../campaigns/campaign-title';
import { CampaignStatusBadge } from '../campaigns/status-badges';
import { SectionSkeleton } from '../components/page-skeleton';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { ACCOUNT_STATUS_COLOR, type LiveAccount } from './account-status';

/** The account's last status changes, refreshed whenever its live status moves. */
export function AccountHistory({ account }: { account: LiveAccount }) {
  const { t, formatDate } = useI18n();
  const utils = trpc.useUtils();
  const history = trpc.whatsapp.history.useQuery({ id: account.id, limit: 10 });
  useEffect(() => {
    void account.status;
    void utils.whatsapp.history.invalidate({ id: account.id });
  }, [account.status, account.id, utils]);
  if (!history.data) return <SectionSkeleton lines={2} />;
  if (history.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('accounts.history.empty')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t('accounts.history', { label: account.label })}>
      {history.data.map((entry) => (
        <Timeline.Item
          key={entry.id}
          color={ACCOUNT_STATUS_COLOR[entry.status]}
          title={
            <Group gap="xs">
              <Badge size="xs" color={ACCOUNT_STATUS_COLOR[entry.status]} variant="light">
                {t(`accountStatus.${entry.status}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {formatDate(entry.at)}
              </Text>
            </Group>
          }
        >
          {entry.error && (
            <Text size="xs" c="red">
              <bdi>{entry.error}</bdi>
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Which campaigns send through the account (a removed account takes them off their sender). */
export function AccountCampaigns({ accountId }: { accountId: number }) {
  const { t, formatId } = useI18n();
  const campaigns = trpc.whatsapp.campaigns.useQuery({ id: accountId });
  if (!campaigns.data) return <SectionSkeleton lines={1} />;
  if (campaigns.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('accounts.campaigns.none')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <List size="sm" spacing={4} listStyleType="none">
        {campaigns.data.map((campaign) => (
          <List.Item key={campaign.id}>
            <Group gap="xs" wrap="nowrap">
              <Anchor component={Link} to={`/campaigns/${campaign.id}`} size="sm">
                <bdi>{campaignTitle(campaign, { t, formatId })}</bdi>
              </Anchor>
              <CampaignStatusBadge status={campaign.status} size="xs" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
