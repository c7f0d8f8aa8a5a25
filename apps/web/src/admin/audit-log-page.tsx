import { NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { actionLabel, detailsLabel, KNOWN_ACTIONS, targetLabel } from './audit-details';
import type { AuditEntry } from './types';

const PAGE = 50;

/** What administrators did, newest first, filterable by action. */
export function AuditLogPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [action, setAction] = useState('');
  const query = trpc.admin.auditLog.list.useInfiniteQuery(
    { limit: PAGE, ...(action ? { action } : {}) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const items = query.data?.pages.flatMap((page) => page.items);
  return (
    <Stack component="section" aria-labelledby="admin-audit-title">
      <Title order={2} size="h3" id="admin-audit-title">
        {t('admin.audit.title')}
      </Title>
      <NativeSelect
        label={t('admin.audit.action')}
        value={action}
        onChange={(e) => setAction(e.currentTarget.value)}
        data={[
          { value: '', label: t('admin.filter.all') },
          ...KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(i18n, a) })),
        ]}
        w={280}
      />
      {!items ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed">{action ? t('admin.noMatch') : t('admin.audit.empty')}</Text>
        </Paper>
      ) : (
        <AuditTable items={items} />
      )}
      <LoadMore query={query} />
    </Stack>
  );
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-labelledby="admin-audit-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.audit.col.when')}</Table.Th>
            <Table.Th>{t('admin.audit.col.who')}</Table.Th>
            <Table.Th>{t('admin.audit.col.action')}</Table.Th>
            <Table.Th>{t('admin.audit.col.target')}</Table.Th>
            <Table.Th>{t('admin.audit.col.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id} data-action={entry.action}>
              <Table.Td>{formatDate(entry.createdAt)}</Table.Td>
              <Table.Td>
                <bdi>{entry.actorName ?? t('admin.audit.system')}</bdi>
              </Table.Td>
              <Table.Td>{actionLabel(i18n, entry.action)}</Table.Td>
              <Table.Td>{targetLabel(i18n, entry)}</Table.Td>
              <Table.Td>
                <bdi>{detailsLabel(i18n, entry.details)}</bdi>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
