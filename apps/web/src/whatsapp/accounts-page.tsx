import { Stack, Text, Title } from '@mantine/core';
import { QueryState } from '../components/query-state';
import { useT } from '../i18n/i18n-provider';
import { AccountCard } from './account-card';
import { CreateAccountForm } from './create-account-form';
import { useLiveAccounts } from './live-accounts';

export function AccountsPage() {
  const t = useT();
  const { accounts, error, refetch } = useLiveAccounts();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('accounts.title')}
      </Title>
      {accounts ? (
        <>
          {accounts.length === 0 && <Text c="dimmed">{t('accounts.empty')}</Text>}
          {accounts.map((account) => (
            <AccountCard key={account.id} account={account} />
          ))}
        </>
      ) : (
        <QueryState error={error} onRetry={refetch} />
      )}
      <CreateAccountForm />
    </Stack>
  );
}
