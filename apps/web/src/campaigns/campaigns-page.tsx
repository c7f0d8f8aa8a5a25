import { CAMPAIGN_STATUSES, type CampaignStatus } from '@chapar/api/domain';
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { campaignTitle } from './campaign-title';
import { CampaignStatusBadge } from './status-badges';

function isStatus(value: string): value is CampaignStatus {
  return (CAMPAIGN_STATUSES as readonly string[]).includes(value);
}

export function CampaignsPage() {
  const i18n = useI18n();
  const { t, formatNumber, formatDate } = i18n;
  const [status, setStatus] = useState<CampaignStatus | undefined>(undefined);
  const query = trpc.campaigns.list.useInfiniteQuery(
    { status, limit: 20 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const campaigns = query.data?.pages.flatMap((page) => page.items);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('campaigns.title')}
        </Title>
        <Button component={Link} to="/campaigns/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('campaigns.new')}
        </Button>
      </Group>
      <NativeSelect
        label={t('campaigns.filter')}
        w={220}
        value={status ?? ''}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setStatus(isStatus(value) ? value : undefined);
        }}
        data={[
          { value: '', label: t('campaigns.filter.all') },
          ...CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatus.${s}`) })),
        ]}
      />
      {!campaigns ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : campaigns.length === 0 ? (
        <Text c="dimmed">{t('campaigns.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover aria-label={t('campaigns.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.col.title')}</Table.Th>
                <Table.Th>{t('campaigns.col.status')}</Table.Th>
                <Table.Th>{t('campaigns.col.sent')}</Table.Th>
                <Table.Th>{t('campaigns.col.failed')}</Table.Th>
                <Table.Th>{t('campaigns.col.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`}>
                      {campaignTitle(c, i18n)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <CampaignStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    {t('campaigns.sentOf', {
                      sent: formatNumber(c.sentCount),
                      total: formatNumber(c.totalRecipients),
                    })}
                  </Table.Td>
                  <Table.Td>{formatNumber(c.failedCount)}</Table.Td>
                  <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore query={query} />
    </Stack>
  );
}
