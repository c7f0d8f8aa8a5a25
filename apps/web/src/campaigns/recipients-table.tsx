import {
  ActionIcon,
  Center,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconArrowsSort,
  IconEye,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-provider';
import { documentLanguage, reasonText } from '../i18n/reasons';
import { trpc } from '../trpc/trpc';
import { useCursorPages } from './cursor-pages';
import { Pager } from './pager';
import {
  ariaSort,
  DEFAULT_SORT,
  RECIPIENT_TABS,
  type RecipientSort,
  type RecipientSortBy,
  type RecipientTabId,
  recipientTab,
  type TabCounters,
  toggleSort,
} from './recipient-tabs';
import { RecipientStatusBadge } from './status-badges';

const PAGE = 50;

interface Props {
  campaignId: number;
  /** The campaign's counters: the tabs' numbers, and the total under each tab. */
  counters: TabCounters;
  /** Shown beside the title (e.g. the export links). */
  actions?: ReactNode;
  /** Offers a "preview the message for this recipient" button on each row. */
  onPreview?: ((recipientId: number) => void) | undefined;
  /** The recipient the preview shows, highlighted. */
  previewedId?: number | null | undefined;
}

/**
 * The campaign's recipients: a tab per outcome, a search over number and name, sortable
 * columns, and pages fetched from the server one at a time (fast at 100,000 recipients).
 */
export function RecipientsTable({ campaignId, counters, actions, onPreview, previewedId }: Props) {
  const { t, formatDate, formatNumber } = useI18n();
  const [tabId, setTabId] = useState<RecipientTabId>('all');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<RecipientSort>(DEFAULT_SORT);
  const tab = recipientTab(tabId);
  const pages = useCursorPages(JSON.stringify([tabId, debouncedSearch, sort]));
  const query = trpc.campaigns.recipients.useQuery(
    {
      campaignId,
      ...(tab.statuses ? { statuses: [...tab.statuses] } : {}),
      ...(debouncedSearch ? { search: debouncedSearch } : {}),
      ...(sort.by === 'id' ? {} : { sort }),
      cursor: pages.cursor,
      limit: PAGE,
    },
    { placeholderData: (previous) => previous },
  );
  const rows = query.data?.items ?? [];
  // Said from its reason code; a row stored before codes existed (or an unknown code) keeps the text.
  const recipientErrorText = (recipient: {
    error: string | null;
    errorCode?: string | null;
    errorParams?: unknown;
  }) =>
    reasonText(
      documentLanguage(),
      recipient.errorCode,
      recipient.errorParams as Record<string, unknown> | null,
      recipient.error ?? '',
    );

  const header = (by: RecipientSortBy, label: MessageKey) => {
    const state = ariaSort(sort, by);
    const Icon =
      state === 'ascending'
        ? IconSortAscending
        : state === 'descending'
          ? IconSortDescending
          : IconArrowsSort;
    return (
      <Table.Th aria-sort={state}>
        <UnstyledButton
          onClick={() => setSort(toggleSort(sort, by))}
          fw={700}
          fz="sm"
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
        >
          {t(label)}
          <Icon size={14} aria-hidden stroke={1.5} />
          <VisuallyHidden>{t('campaigns.recipients.sortBy')}</VisuallyHidden>
        </UnstyledButton>
      </Table.Th>
    );
  };

  const table = query.isPending ? (
    <Center py="md">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  ) : rows.length === 0 ? (
    <Text c="dimmed" py="sm">
      {debouncedSearch || tabId !== 'all' ? t('campaigns.recipients.noMatch') : t('recipients.empty')}
    </Text>
  ) : (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-labelledby="recipients-title" aria-busy={query.isFetching}>
        <Table.Thead>
          <Table.Tr>
            {header('phone', 'recipients.col.phone')}
            {header('name', 'recipients.col.name')}
            {header('status', 'recipients.col.status')}
            {header('sentAt', 'recipients.col.sentAt')}
            <Table.Th>{t('recipients.col.error')}</Table.Th>
            {onPreview && (
              <Table.Th>
                <VisuallyHidden>{t('recipients.col.preview')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              bg={previewedId === r.id ? 'var(--mantine-color-teal-light)' : undefined}
              aria-current={previewedId === r.id ? 'true' : undefined}
            >
              <Table.Td>
                <bdi dir="ltr" id={`recipient-${r.id}-phone`}>
                  {r.phone}
                </bdi>
              </Table.Td>
              <Table.Td>
                <bdi>{r.name ?? ''}</bdi>
              </Table.Td>
              <Table.Td>
                <RecipientStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.sentAt ? formatDate(r.sentAt) : ''}</Table.Td>
              <Table.Td>
                <Text size="sm" c="red">
                  <bdi>{r.error ? recipientErrorText(r) : ''}</bdi>
                </Text>
              </Table.Td>
              {onPreview && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('recipients.preview')}
                    aria-describedby={`recipient-${r.id}-phone`}
                    onClick={() => onPreview(r.id)}
                  >
                    <IconEye size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  return (
    <Stack component="section" aria-labelledby="recipients-title" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4" id="recipients-title">
          {t('recipients.title')}
        </Title>
        {actions}
      </Group>
      <TextInput
        type="search"
        label={t('campaigns.recipients.search')}
        placeholder={t('campaigns.recipients.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={100}
        maw={360}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <Tabs value={tabId} onChange={(value) => setTabId(recipientTab(value ?? 'all').id)} keepMounted={false}>
        <Tabs.List aria-label={t('campaigns.recipients.tabs')}>
          {RECIPIENT_TABS.map((item) => (
            <Tabs.Tab key={item.id} value={item.id} data-count={item.count(counters)}>
              {t(`campaigns.recipients.tab.${item.id}`)} ({formatNumber(item.count(counters))})
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {RECIPIENT_TABS.map((item) => (
          <Tabs.Panel key={item.id} value={item.id} pt="xs">
            {table}
          </Tabs.Panel>
        ))}
      </Tabs>
      {query.error && (
        <Text c="red" role="alert">
          <bdi>{query.error.message}</bdi>
        </Text>
      )}
      {query.data && (
        <Pager
          label={t('campaigns.recipients.pages')}
          index={pages.index}
          pageSize={PAGE}
          shown={rows.length}
          total={debouncedSearch ? null : tab.count(counters)}
          hasNext={query.data.nextCursor != null}
          busy={query.isFetching}
          onPrevious={pages.previous}
          onNext={() => pages.next(query.data?.nextCursor ?? null)}
        />
      )}
    </Stack>
  );
}
