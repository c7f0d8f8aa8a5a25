import { Card, NativeSelect, Table, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { AccountOwner } from './types';

const PAGE = 50;
/** Filter values: every account, the ones nobody holds, or one worker's (`w:` + its id). */
const ALL = 'all';
const NOBODY = 'none';
const WORKER = 'w:';

function ownerFilter(value: string): { owner?: string | null } {
  if (value === NOBODY) return { owner: null };
  if (value.startsWith(WORKER)) return { owner: value.slice(WORKER.length) };
  return {};
}

/** Every account and the worker holding its lease, a page at a time (there can be thousands). */
export function AccountOwnersTable({ workerIds }: { workerIds: string[] }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState(ALL);
  const query = trpc.admin.accountOwners.useInfiniteQuery(
    { limit: PAGE, ...ownerFilter(filter) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const items = query.data?.pages.flatMap((page) => page.items);
  return (
    <Card withBorder component="section" aria-labelledby="admin-owners-title" data-testid="system-owners">
      <Text fw={600} mb="xs" id="admin-owners-title">
        {t('admin.system.owners')}
      </Text>
      <NativeSelect
        label={t('admin.system.owners.filter')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        data={[
          { value: ALL, label: t('admin.filter.all') },
          { value: NOBODY, label: t('admin.system.owners.nobody') },
          ...workerIds.map((id) => ({ value: `${WORKER}${id}`, label: id })),
        ]}
        w={280}
        mb="sm"
      />
      {!items ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.system.owners.empty')}
        </Text>
      ) : (
        <OwnersRows items={items} />
      )}
      <LoadMore query={query} />
    </Card>
  );
}

function OwnersRows({ items }: { items: AccountOwner[] }) {
  const { t, formatDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-labelledby="admin-owners-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.system.owner.col.account')}</Table.Th>
            <Table.Th>{t('admin.system.owner.col.user')}</Table.Th>
            <Table.Th>{t('admin.system.owner.col.status')}</Table.Th>
            <Table.Th>{t('admin.system.owner.col.owner')}</Table.Th>
            <Table.Th>{t('admin.system.owner.col.lease')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-account={a.id} data-owner={a.owner ?? ''}>
              <Table.Td>
                <bdi>{a.label}</bdi>
                {a.phone && (
                  <Text size="xs" c="dimmed">
                    <bdi dir="ltr">{a.phone}</bdi>
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <bdi>{a.userName}</bdi>
                <Text size="xs" c="dimmed">
                  <bdi dir="ltr">{a.userEmail}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>{t(`accountStatus.${a.status}`)}</Table.Td>
              <Table.Td>
                {a.owner ? <bdi dir="ltr">{a.owner}</bdi> : t('admin.system.owners.nobody')}
              </Table.Td>
              <Table.Td>
                {a.leaseExpiresAt === null ? (
                  '—'
                ) : a.leaseActive ? (
                  formatDate(a.leaseExpiresAt)
                ) : (
                  <Text size="sm" c="red" component="span">
                    {t('admin.system.owner.expired', { date: formatDate(a.leaseExpiresAt) })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
