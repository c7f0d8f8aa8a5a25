import { Stack, Title } from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { EmptyState } from '../components/empty-state';
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
          {accounts.length === 0 && (
            <EmptyState
              icon={<IconBrandWhatsapp size={30} />}
              title={t('accounts.empty.title')}
              body={t('accounts.empty')}
            />
          )}
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
