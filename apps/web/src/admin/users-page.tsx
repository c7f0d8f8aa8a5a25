import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '@chapar/domain';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { AdminUser } from './types';
import { RoleBadge, UserStatusBadge } from './user-badges';
import { UserDrawer } from './user-drawer';

const PAGE = 50;

/** Every user: search and filters on the server, one drawer to manage a user. */
export function UsersPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<UserRole | ''>('');
  const [status, setStatus] = useState<UserStatus | ''>('');
  const [openId, setOpenId] = useState<number | null>(null);
  const query = trpc.admin.users.list.useInfiniteQuery(
    {
      limit: PAGE,
      ...(debounced ? { search: debounced } : {}),
      ...(role ? { role } : {}),
      ...(status ? { status } : {}),
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const items = query.data?.pages.flatMap((page) => page.items);

  return (
    <Stack component="section" aria-labelledby="admin-users-title">
      <Title order={2} size="h3" id="admin-users-title">
        {t('admin.users.title')}
      </Title>
      <Group align="flex-end">
        <TextInput
          label={t('admin.filter.search')}
          placeholder={t('admin.users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <NativeSelect
          label={t('admin.filter.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as UserRole | '')}
          data={[
            { value: '', label: t('admin.filter.all') },
            ...USER_ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) })),
          ]}
        />
        <NativeSelect
          label={t('admin.filter.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as UserStatus | '')}
          data={[
            { value: '', label: t('admin.filter.all') },
            ...USER_STATUSES.map((s) => ({ value: s, label: t(`admin.userStatus.${s}`) })),
          ]}
        />
      </Group>
      {!items ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('admin.noMatch')}</Text>
      ) : (
        <UsersTable items={items} onManage={setOpenId} />
      )}
      <LoadMore query={query} />
      <UserDrawer userId={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}

function UsersTable({ items, onManage }: { items: AdminUser[]; onManage(id: number): void }) {
  const { t, formatDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-labelledby="admin-users-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.users.col.name')}</Table.Th>
            <Table.Th>{t('admin.users.col.phone')}</Table.Th>
            <Table.Th>{t('admin.users.col.role')}</Table.Th>
            <Table.Th>{t('admin.users.col.status')}</Table.Th>
            <Table.Th>{t('admin.users.col.subscription')}</Table.Th>
            <Table.Th>{t('admin.users.col.joined')}</Table.Th>
            <Table.Th>{t('admin.users.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((user) => (
            <Table.Tr key={user.id} data-user-id={user.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  <bdi>{user.name}</bdi>
                </Text>
                <Text size="xs" c="dimmed">
                  <bdi dir="ltr">{user.email}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>
                <bdi dir="ltr">{user.phone}</bdi>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={user.role} />
              </Table.Td>
              <Table.Td>
                <UserStatusBadge status={user.status} />
              </Table.Td>
              <Table.Td>
                {user.subscriptionExpiresAt
                  ? formatDate(user.subscriptionExpiresAt)
                  : t('admin.users.noSubscription')}
              </Table.Td>
              <Table.Td>{formatDate(user.createdAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={t('admin.users.manageFor', { name: user.name })}
                  onClick={() => onManage(user.id)}
                >
                  {t('admin.users.manage')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
