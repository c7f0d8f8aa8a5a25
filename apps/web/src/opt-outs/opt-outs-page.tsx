import { toAsciiDigits } from '@chapar/domain';
import {
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessageOff, IconSearch, IconTrash } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { LoadMore } from '../components/load-more';
import { notifyError } from '../components/notify';
import { QueryState } from '../components/query-state';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-provider';
import { type OptOut, trpc } from '../trpc/trpc';
import { AddOptOutsForm } from './add-opt-outs-form';
import { ImportOptOutsForm } from './import-opt-outs-form';

const PAGE = 50;
const SOURCES: Record<string, MessageKey> = {
  manual: 'optOuts.source.manual',
  reply: 'optOuts.source.reply',
  import: 'optOuts.source.import',
};

/** What the server searches by: the digits (and +) of a number, in ASCII. */
export function searchTerm(input: string): string | undefined {
  const term = toAsciiDigits(input)
    .replace(/[^\d+]/g, '')
    .slice(0, 40);
  return term === '' ? undefined : term;
}

/** The numbers never to message again: searchable, added by hand or file, removable. */
export function OptOutsPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const term = searchTerm(debounced);
  const query = trpc.optOuts.list.useInfiniteQuery(
    { search: term, limit: PAGE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const items = query.data?.pages.flatMap((page) => page.items);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('optOuts.title')}
      </Title>
      <Text c="dimmed">{t('optOuts.intro')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AddOptOutsForm />
        <ImportOptOutsForm />
      </SimpleGrid>
      <Stack component="section" aria-labelledby="opt-outs-list-title" gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="opt-outs-list-title">
            {t('optOuts.list.title')}
          </Title>
          <TextInput
            label={t('optOuts.search')}
            placeholder={t('optOuts.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            dir="ltr"
            w={260}
          />
        </Group>
        {!items ? (
          <QueryState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          term ? (
            <Text c="dimmed">{t('optOuts.noMatch')}</Text>
          ) : (
            <Paper withBorder p="lg" data-testid="opt-outs-empty">
              <Group wrap="nowrap" align="flex-start">
                <IconMessageOff size={32} color="var(--mantine-color-gray-5)" aria-hidden />
                <Stack gap={4}>
                  <Text fw={600}>{t('optOuts.empty.title')}</Text>
                  <Text size="sm" c="dimmed">
                    {t('optOuts.empty.body')}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          )
        ) : (
          <OptOutsTable items={items} />
        )}
        {query.isFetching && !query.isFetchingNextPage && items && (
          <Center>
            <Loader size="xs" aria-label={t('common.loading')} />
          </Center>
        )}
        <LoadMore query={query} />
      </Stack>
    </Stack>
  );
}

function OptOutsTable({ items }: { items: OptOut[] }) {
  const { t, formatDate } = useI18n();
  const utils = trpc.useUtils();
  const remove = trpc.optOuts.remove.useMutation({
    onSuccess: () => utils.optOuts.list.invalidate(),
    onError: (error) => notifyError(t, error),
  });
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped highlightOnHover aria-labelledby="opt-outs-list-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('optOuts.col.phone')}</Table.Th>
            <Table.Th>{t('optOuts.col.source')}</Table.Th>
            <Table.Th>{t('optOuts.col.added')}</Table.Th>
            <Table.Th>{t('optOuts.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const source = SOURCES[item.source];
            return (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <bdi dir="ltr">{item.phone}</bdi>
                </Table.Td>
                <Table.Td>{source ? t(source) : item.source}</Table.Td>
                <Table.Td>{formatDate(item.createdAt)}</Table.Td>
                <Table.Td>
                  <ConfirmButton
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    disabled={remove.isPending}
                    aria-label={t('optOuts.remove.for', { phone: item.phone })}
                    title={t('optOuts.remove.title', { phone: item.phone })}
                    message={t('optOuts.remove.body')}
                    confirmLabel={t('optOuts.remove')}
                    onConfirm={() => remove.mutate({ id: item.id })}
                  >
                    {t('optOuts.remove')}
                  </ConfirmButton>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
