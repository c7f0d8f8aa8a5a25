import { CAMPAIGN_STATUSES, type CampaignStatus } from '@chapar/domain';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CampaignStatusBadge } from '../campaigns/status-badges';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { CampaignActions, campaignName } from './campaign-actions';
import { CampaignDrawer } from './campaign-drawer';
import type { AdminCampaign } from './types';

const PAGE = 50;

/** `?userId=` narrows the list to one user's campaigns (linked from the user drawer). */
function userIdFrom(params: URLSearchParams): number | undefined {
  const id = Number(params.get('userId'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Every user's campaigns: filter, look inside, pause or cancel with a reason for the owner. */
export function AdminCampaignsPage() {
  const { t, formatId } = useI18n();
  const [params, setParams] = useSearchParams();
  const userId = userIdFrom(params);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const [viewing, setViewing] = useState<number | null>(null);
  const query = trpc.admin.campaigns.list.useInfiniteQuery(
    {
      limit: PAGE,
      ...(debounced ? { search: debounced } : {}),
      ...(status ? { status } : {}),
      ...(userId ? { userId } : {}),
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const items = query.data?.pages.flatMap((page) => page.items);

  return (
    <Stack component="section" aria-labelledby="admin-campaigns-title">
      <Title order={2} size="h3" id="admin-campaigns-title">
        {t('admin.campaigns.title')}
      </Title>
      <Group align="flex-end">
        <TextInput
          label={t('admin.filter.search')}
          placeholder={t('admin.campaigns.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <NativeSelect
          label={t('admin.filter.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as CampaignStatus | '')}
          data={[
            { value: '', label: t('admin.filter.all') },
            ...CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatus.${s}`) })),
          ]}
        />
        {userId && (
          <Button
            variant="light"
            rightSection={<IconX size={14} aria-hidden />}
            onClick={() => setParams({})}
            aria-label={`${t('admin.campaigns.ofUser', { id: formatId(userId) })}: ${t('admin.campaigns.clearUser')}`}
          >
            {t('admin.campaigns.ofUser', { id: formatId(userId) })}
          </Button>
        )}
      </Group>
      {!items ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('admin.noMatch')}</Text>
      ) : (
        <CampaignsTable items={items} onView={setViewing} />
      )}
      <LoadMore query={query} />
      <CampaignDrawer campaignId={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}

function CampaignsTable({ items, onView }: { items: AdminCampaign[]; onView(id: number): void }) {
  const { t, formatDate, formatId } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-labelledby="admin-campaigns-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.campaigns.col.title')}</Table.Th>
            <Table.Th>{t('admin.campaigns.col.owner')}</Table.Th>
            <Table.Th>{t('admin.campaigns.col.status')}</Table.Th>
            <Table.Th>{t('admin.campaigns.col.progress')}</Table.Th>
            <Table.Th>{t('admin.campaigns.col.created')}</Table.Th>
            <Table.Th>{t('admin.campaigns.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => {
            const name = campaignName(t, formatId, c);
            return (
              <Table.Tr key={c.id} data-campaign-id={c.id}>
                <Table.Td>
                  <bdi>{name}</bdi>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <bdi>{c.ownerName ?? '—'}</bdi>
                  </Text>
                  <Text size="xs" c="dimmed">
                    <bdi dir="ltr">{c.ownerEmail ?? ''}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>
                  {t('admin.campaigns.progress', { sent: c.sentCount, total: c.totalRecipients })}
                </Table.Td>
                <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t('admin.campaigns.viewFor', { title: name })}
                      onClick={() => onView(c.id)}
                    >
                      {t('admin.campaigns.view')}
                    </Button>
                    <CampaignActions campaign={c} name={name} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
