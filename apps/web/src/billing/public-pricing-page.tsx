import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../components/query-state';
import { useT } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { PackageSummary } from './pricing-page';

/** For visitors: what is on sale, and the way to an account that can buy it. */
export function PublicPricingPage() {
  const t = useT();
  const packages = trpc.packages.list.useQuery();
  const options = trpc.billing.options.useQuery();
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('billing.packages.title')}
      </Title>
      {!packages.data || !options.data ? (
        <QueryState error={packages.error ?? options.error} onRetry={() => void packages.refetch()} />
      ) : packages.data.length === 0 ? (
        <Text c="dimmed">{t('billing.packages.empty')}</Text>
      ) : (
        packages.data.map((pkg) => (
          <Card key={pkg.id} withBorder data-testid={`package-${pkg.id}`}>
            <Stack gap="xs">
              <PackageSummary pkg={pkg} currency={options.data.currency} />
            </Stack>
          </Card>
        ))
      )}
      <Button component={Link} to="/register">
        {t('billing.public.cta')}
      </Button>
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.reset.toLogin')}
      </Anchor>
    </Stack>
  );
}
