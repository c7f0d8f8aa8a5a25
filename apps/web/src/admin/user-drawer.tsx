import { Alert, Button, Divider, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useUser } from '../auth/user-context';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { GrantSubscriptionDialog } from './grant-subscription-dialog';
import type { AdminUserDetail } from './types';
import { useGrantSubscription } from './use-grant-subscription';
import { RoleForm, StatusActions } from './user-actions';
import { RoleBadge, UserStatusBadge } from './user-badges';

/** One user: details, subscription and activity; change role, ban or unban, grant a subscription. */
export function UserDrawer({ userId, onClose }: { userId: number | null; onClose(): void }) {
  const { t } = useI18n();
  const query = trpc.admin.users.get.useQuery({ id: userId ?? 0 }, { enabled: userId !== null });
  const name = query.data?.user.name ?? '';
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={userId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Title order={2} size="h4">
          {t('admin.user.title', { name })}
        </Title>
      }
    >
      {query.data ? (
        <UserDetail detail={query.data} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Drawer>
  );
}

function UserDetail({ detail }: { detail: AdminUserDetail }) {
  const { t, formatDate, formatNumber } = useI18n();
  const me = useUser();
  const { user, subscription, activity } = detail;
  const grant = useGrantSubscription();
  const [granting, setGranting] = useState(false);
  const isSelf = me.id === user.id;

  return (
    <Stack data-testid="user-drawer" data-user-id={user.id}>
      <Group gap="xs">
        <RoleBadge role={user.role} />
        <UserStatusBadge status={user.status} />
      </Group>
      {user.status === 'BANNED' && user.statusReason && (
        <Alert color="red">
          <bdi>{t('admin.user.bannedBecause', { reason: user.statusReason })}</bdi>
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        <Text size="sm" c="dimmed">
          {t('admin.user.email')}
        </Text>
        <Text size="sm">
          <bdi dir="ltr">{user.email}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.phone')}
        </Text>
        <Text size="sm">
          <bdi dir="ltr">{user.phone}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.username')}
        </Text>
        <Text size="sm">
          <bdi dir="ltr">{user.username ?? '—'}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.joined')}
        </Text>
        <Text size="sm">{formatDate(user.createdAt)}</Text>
      </SimpleGrid>

      <Divider label={t('admin.user.activity')} labelPosition="left" />
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        <Text size="sm" c="dimmed">
          {t('admin.user.campaigns')}
        </Text>
        <Text size="sm">{formatNumber(activity.campaigns)}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.activeCampaigns')}
        </Text>
        <Text size="sm">{formatNumber(activity.activeCampaigns)}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.accounts')}
        </Text>
        <Text size="sm">{formatNumber(activity.accounts)}</Text>
        <Text size="sm" c="dimmed">
          {t('admin.user.messagesSent')}
        </Text>
        <Text size="sm">{formatNumber(activity.messagesSent)}</Text>
      </SimpleGrid>
      <Button
        component={Link}
        to={`/admin/campaigns?userId=${user.id}`}
        variant="subtle"
        size="xs"
        w="fit-content"
      >
        {t('admin.user.viewCampaigns')}
      </Button>

      <Divider label={t('admin.user.subscription')} labelPosition="left" />
      {subscription ? (
        <Stack gap={2}>
          <Text size="sm">
            {t('admin.user.subscriptionUntil', { date: formatDate(subscription.expiresAt) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('admin.user.subscriptionMessages', {
              used: subscription.messagesUsed,
              limit: subscription.messageLimit,
            })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('admin.user.subscriptionNone')}
        </Text>
      )}
      {grant.available && (
        <>
          <Button
            variant="light"
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            onClick={() => setGranting(true)}
            w="fit-content"
          >
            {t('admin.user.grant')}
          </Button>
          <GrantSubscriptionDialog
            user={user}
            opened={granting}
            onClose={() => setGranting(false)}
            mutation={grant}
          />
        </>
      )}

      {isSelf ? (
        <Alert color="gray">{t('admin.user.you')}</Alert>
      ) : (
        <>
          <Divider label={t('admin.user.role')} labelPosition="left" />
          <RoleForm detail={detail} />
          <Divider label={t('admin.user.banTitle')} labelPosition="left" />
          <StatusActions detail={detail} />
        </>
      )}
    </Stack>
  );
}
