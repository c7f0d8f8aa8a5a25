import { CAMPAIGN_STATUSES } from '@chapar/domain';
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DateField } from '../components/date-picker/date-field';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { campaignTitle } from './campaign-title';
import { useCursorPages } from './cursor-pages';
import { DeleteDraftButton } from './delete-draft-button';
import {
  filtersFromSearch,
  hasFilters,
  type ListFilters,
  listInput,
  NO_FILTERS,
  rangeIsValid,
  searchFromFilters,
} from './list-filters';
import { Pager } from './pager';
import { CampaignStatusBadge } from './status-badges';

const PAGE = 20;

export function CampaignsPage() {
  const i18n = useI18n();
  const { t, formatNumber, formatDate } = i18n;
  const { accounts } = useLiveAccounts();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const setFilters = (patch: Partial<ListFilters>) =>
    setParams(searchFromFilters({ ...filters, ...patch }), { replace: true });

  // The search box answers as one types, but asks the server once typing pauses.
  const [search, setSearch] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts a search.
  useEffect(() => {
    if (debouncedSearch !== filters.search) setFilters({ search: debouncedSearch });
  }, [debouncedSearch]);

  const input = listInput(filters);
  const pages = useCursorPages(JSON.stringify(input));
  const query = trpc.campaigns.list.useQuery(
    { ...input, limit: PAGE, cursor: pages.cursor, withTotal: true },
    { placeholderData: (previous) => previous },
  );
  const campaigns = query.data?.items;
  const accountLabel = (id: number | null) => accounts?.find((a) => a.id === id)?.label ?? '—';
  const badRange = !rangeIsValid(filters);

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
      <Paper withBorder p="sm" component="section" role="search" aria-label={t('campaigns.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          <TextInput
            type="search"
            label={t('campaigns.search')}
            placeholder={t('campaigns.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('campaigns.filter')}
            value={filters.status ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setFilters({ status: CAMPAIGN_STATUSES.find((s) => s === value) ?? null });
            }}
            data={[
              { value: '', label: t('campaigns.filter.all') },
              ...CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatus.${s}`) })),
            ]}
          />
          <NativeSelect
            label={t('campaigns.filter.account')}
            value={filters.accountId ? String(filters.accountId) : ''}
            onChange={(e) => setFilters({ accountId: Number(e.currentTarget.value) || null })}
            data={[
              { value: '', label: t('campaigns.filter.anyAccount') },
              ...(accounts ?? []).map((a) => ({ value: String(a.id), label: a.label })),
            ]}
          />
          <DateField
            label={t('campaigns.filter.from')}
            value={filters.from}
            max={filters.to || undefined}
            clearable
            onChange={(from) => setFilters({ from })}
          />
          <DateField
            label={t('campaigns.filter.to')}
            value={filters.to}
            min={filters.from || undefined}
            clearable
            onChange={(to) => setFilters({ to })}
            error={badRange ? t('campaigns.filter.badRange') : undefined}
          />
        </SimpleGrid>
        {hasFilters(filters) && (
          <Group justify="flex-end" mt="xs">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconFilterOff size={14} aria-hidden />}
              onClick={() => {
                setSearch('');
                setParams(searchFromFilters(NO_FILTERS), { replace: true });
              }}
            >
              {t('campaigns.filter.clear')}
            </Button>
          </Group>
        )}
      </Paper>
      {!campaigns ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : campaigns.length === 0 ? (
        <Text c="dimmed">{hasFilters(filters) ? t('campaigns.noMatch') : t('campaigns.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover aria-label={t('campaigns.title')} aria-busy={query.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.col.title')}</Table.Th>
                <Table.Th>{t('campaigns.col.status')}</Table.Th>
                <Table.Th>{t('campaigns.col.account')}</Table.Th>
                <Table.Th>{t('campaigns.col.sent')}</Table.Th>
                <Table.Th>{t('campaigns.col.failed')}</Table.Th>
                <Table.Th>{t('campaigns.col.created')}</Table.Th>
                <Table.Th>{t('campaigns.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.map((c) => {
                return (
                  <Table.Tr key={c.id} data-campaign-id={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campaigns/${c.id}`}>
                        <bdi>{campaignTitle(c, i18n)}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <CampaignStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      <bdi>{accountLabel(c.whatsappAccountId)}</bdi>
                    </Table.Td>
                    <Table.Td miw={140}>
                      <Text size="sm">
                        {t('campaigns.sentOf', {
                          sent: formatNumber(c.sentCount),
                          total: formatNumber(c.totalRecipients),
                        })}
                      </Text>
                      <Progress
                        size="xs"
                        mt={4}
                        color="teal"
                        value={c.totalRecipients > 0 ? (c.sentCount / c.totalRecipients) * 100 : 0}
                        aria-hidden
                      />
                    </Table.Td>
                    <Table.Td>{formatNumber(c.failedCount)}</Table.Td>
                    <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                    <Table.Td>
                      <DeleteDraftButton campaign={c} size="xs" variant="subtle" />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {campaigns && (
        <Pager
          label={t('campaigns.pages')}
          index={pages.index}
          pageSize={PAGE}
          shown={campaigns.length}
          total={query.data?.total ?? null}
          hasNext={query.data?.nextCursor != null}
          busy={query.isFetching}
          onPrevious={pages.previous}
          onNext={() => pages.next(query.data?.nextCursor ?? null)}
        />
      )}
    </Stack>
  );
}
