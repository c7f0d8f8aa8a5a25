import { Accordion, Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconLogout, IconPlugConnected, IconPlugConnectedX, IconTrash } from '@tabler/icons-react';
import { ConfirmButton } from '../components/confirm-button';
import { useI18n } from '../i18n/i18n-provider';
import { AccountCampaigns, AccountHistory } from './account-history';
import { AccountQr } from './account-qr';
import { accountActions, type LiveAccount } from './account-status';
import { AccountStatusBadge } from './account-status-badge';
import { DailyLimit } from './daily-limit';
import { useAccountMutations } from './use-account-mutations';
import { WarmUpBadge } from './warm-up-badge';

/** One account, labelled by its own name so its buttons are told apart from other cards'. */
export function AccountCard({ account }: { account: LiveAccount }) {
  const { t, formatDate } = useI18n();
  const { run, pending } = useAccountMutations();
  const actions = accountActions(account.status);
  const vars = { label: account.label };

  return (
    <Card withBorder component="section" aria-label={account.label} padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h4">
              {account.label}
            </Title>
            {account.driver === 'sandbox' && (
              <Badge variant="outline" color="grape" size="sm">
                {t('accounts.testMode')}
              </Badge>
            )}
            <WarmUpBadge account={account} />
          </Group>
          <AccountStatusBadge status={account.status} size="lg" />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`accounts.driver.${account.driver}`)}
          {account.phone && (
            <>
              {' · '}
              {t('accounts.phone')}: <bdi dir="ltr">{account.phone}</bdi>
            </>
          )}
          {account.lastSeenAt && ` · ${t('accounts.lastSeen')}: ${formatDate(account.lastSeenAt)}`}
          {account.linkedAt && ` · ${t('accounts.linkedAt')}: ${formatDate(account.linkedAt)}`}
        </Text>
        <DailyLimit account={account} />
        {account.status === 'FAILED' && (
          <Alert color="red" title={t('accounts.failed')}>
            <bdi>{account.error ?? t('errors.generic')}</bdi>
          </Alert>
        )}
        {account.status === 'QR' && account.qr && <AccountQr qr={account.qr} driver={account.driver} />}
        <Group gap="xs">
          {actions.includes('connect') && (
            <Button
              leftSection={<IconPlugConnected size={16} aria-hidden />}
              onClick={() => run('connect', account.id)}
              disabled={pending}
            >
              {t('accounts.connect')}
            </Button>
          )}
          {actions.includes('disconnect') && (
            <Button
              variant="default"
              leftSection={<IconPlugConnectedX size={16} aria-hidden />}
              onClick={() => run('disconnect', account.id)}
              disabled={pending}
            >
              {t('accounts.disconnect')}
            </Button>
          )}
          {actions.includes('logout') && (
            <ConfirmButton
              variant="default"
              leftSection={<IconLogout size={16} aria-hidden />}
              disabled={pending}
              title={t('accounts.logout.title', vars)}
              message={t('accounts.logout.body')}
              confirmLabel={t('accounts.logout')}
              onConfirm={() => run('logout', account.id)}
            >
              {t('accounts.logout')}
            </ConfirmButton>
          )}
          <ConfirmButton
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            disabled={pending}
            title={t('accounts.remove.title', vars)}
            message={t('accounts.remove.body')}
            confirmLabel={t('accounts.remove')}
            onConfirm={() => run('remove', account.id)}
          >
            {t('accounts.remove')}
          </ConfirmButton>
        </Group>
        <Accordion variant="separated" multiple chevronPosition="left">
          <Accordion.Item value="campaigns">
            <Accordion.Control>{t('accounts.campaigns.title')}</Accordion.Control>
            <Accordion.Panel>
              <AccountCampaigns accountId={account.id} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="history">
            <Accordion.Control>{t('accounts.history.title')}</Accordion.Control>
            <Accordion.Panel>
              <AccountHistory account={account} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Card>
  );
}
