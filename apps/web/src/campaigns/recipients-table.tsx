import { Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { RecipientStatusBadge } from './status-badges';

const PAGE = 50;

export function RecipientsTable({ campaignId }: { campaignId: number }) {
  const { t, formatDate } = useI18n();
  const query = trpc.campaigns.recipients.useInfiniteQuery(
    { campaignId, limit: PAGE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack component="section" aria-labelledby="recipients-title" gap="sm">
      <Title order={2} size="h4" id="recipients-title">
        {t('recipients.title')}
      </Title>
      {query.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('recipients.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-labelledby="recipients-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recipients.col.phone')}</Table.Th>
                <Table.Th>{t('recipients.col.name')}</Table.Th>
                <Table.Th>{t('recipients.col.status')}</Table.Th>
                <Table.Th>{t('recipients.col.sentAt')}</Table.Th>
                <Table.Th>{t('recipients.col.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <bdi dir="ltr">{r.phone}</bdi>
                  </Table.Td>
                  <Table.Td>{r.name ?? ''}</Table.Td>
                  <Table.Td>
                    <RecipientStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.sentAt ? formatDate(r.sentAt) : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="red">
                      <bdi>{r.error ?? ''}</bdi>
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.error && (
        <Text c="red">
          <bdi>{query.error.message}</bdi>
        </Text>
      )}
      {query.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
