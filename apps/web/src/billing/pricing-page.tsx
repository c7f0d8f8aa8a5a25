import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank, IconCreditCard } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { notifyError } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { type RouterOutputs, trpc } from '../trpc/trpc';
import { formatAmount, type Subscription } from './billing-format';
import { PaymentHistory } from './payment-history';

export type Package = RouterOutputs['packages']['list'][number];
type Provider = 'zarinpal' | 'manual';

/** Sends the browser to the payment gateway (a separate function so tests can replace it). */
export const gatewayRedirect = { go: (url: string) => window.location.assign(url) };

/** The current subscription, the packages on sale with a buy button per provider, and past payments. */
export function PricingPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const result = params.get('result');
  const packages = trpc.packages.list.useQuery();
  const options = trpc.billing.options.useQuery();
  const current = trpc.subscription.current.useQuery();

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('billing.title')}
      </Title>
      {result === 'unknown' && <Alert color="red">{t('billing.result.unknown')}</Alert>}
      {(result === 'gateway' || result === 'error') && (
        <Alert color="yellow">{t('billing.result.gateway')}</Alert>
      )}
      {current.data !== undefined && <CurrentSubscription subscription={current.data} />}
      <Stack component="section" aria-labelledby="packages-title" gap="sm">
        <Title order={2} size="h4" id="packages-title">
          {t('billing.packages.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('billing.packages.hint')}
        </Text>
        {!packages.data || !options.data ? (
          <QueryState error={packages.error ?? options.error} onRetry={() => void packages.refetch()} />
        ) : packages.data.length === 0 ? (
          <Text c="dimmed">{t('billing.packages.empty')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {packages.data.map((pkg) => (
              <PackageCard
                key={pkg.id}
                pkg={pkg}
                providers={options.data.providers}
                currency={options.data.currency}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <Stack component="section" aria-labelledby="history-title" gap="sm">
        <Title order={2} size="h4" id="history-title">
          {t('billing.history.title')}
        </Title>
        <PaymentHistory />
      </Stack>
    </Stack>
  );
}

function CurrentSubscription({ subscription }: { subscription: Subscription | null }) {
  const { t, formatDate } = useI18n();
  return (
    <Card withBorder data-testid="current-subscription">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fw={600}>{t('billing.current.title')}</Text>
          {!subscription ? (
            <Text size="sm">{t('billing.current.none')}</Text>
          ) : (
            <>
              <Text size="sm">
                {t('billing.current.messages', {
                  left: subscription.messagesLeft,
                  limit: subscription.messageLimit,
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {subscription.daysLeft > 0
                  ? t('billing.current.until', { date: formatDate(subscription.expiresAt) })
                  : t('billing.current.ended', { date: formatDate(subscription.expiresAt) })}
              </Text>
            </>
          )}
        </Stack>
        {subscription && <Badge variant="light">{t(`billing.source.${subscription.source}`)}</Badge>}
      </Group>
    </Card>
  );
}

/** Title, price, allowance and description of a package: the pricing pages' common part. */
export function PackageSummary({ pkg, currency }: { pkg: Package; currency: string }) {
  const { t, formatNumber } = useI18n();
  return (
    <>
      <Group justify="space-between">
        <Title order={3} size="h4">
          <bdi>{pkg.title}</bdi>
        </Title>
        {pkg.category && <Badge variant="light">{pkg.category}</Badge>}
      </Group>
      <Text size="xl" fw={700}>
        {formatAmount(pkg.price, currency, t, formatNumber)}
      </Text>
      <Text size="sm">
        {t('billing.package.messages', { messages: pkg.messageLimit })} ·{' '}
        {t('billing.package.days', { days: pkg.duration })}
      </Text>
      {pkg.description && (
        <Text size="sm" c="dimmed">
          <bdi>{pkg.description}</bdi>
        </Text>
      )}
    </>
  );
}

function PackageCard({
  pkg,
  providers,
  currency,
}: {
  pkg: Package;
  providers: Provider[];
  currency: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [redirecting, setRedirecting] = useState(false);
  const checkout = trpc.billing.checkout.useMutation({
    onSuccess: ({ payment, redirectUrl }) => {
      if (redirectUrl) {
        setRedirecting(true);
        gatewayRedirect.go(redirectUrl);
      } else {
        navigate(`/billing/payments/${payment.id}`);
      }
    },
    onError: (error) => notifyError(t, error),
  });
  const buy = (provider: Provider) => checkout.mutate({ packageId: pkg.id, provider });

  return (
    <Card withBorder padding="lg" data-testid={`package-${pkg.id}`}>
      <Stack gap="xs" h="100%">
        <PackageSummary pkg={pkg} currency={currency} />
        <Stack gap="xs" mt="auto">
          {redirecting && <Text size="sm">{t('billing.buy.redirecting')}</Text>}
          {providers.includes('zarinpal') && (
            <Button
              leftSection={<IconCreditCard size={16} aria-hidden />}
              loading={checkout.isPending && checkout.variables?.provider === 'zarinpal'}
              disabled={checkout.isPending || redirecting}
              onClick={() => buy('zarinpal')}
            >
              {t('billing.buy.zarinpal')}
            </Button>
          )}
          {providers.includes('manual') && (
            <Button
              variant="default"
              leftSection={<IconBuildingBank size={16} aria-hidden />}
              loading={checkout.isPending && checkout.variables?.provider === 'manual'}
              disabled={checkout.isPending || redirecting}
              onClick={() => buy('manual')}
            >
              {t('billing.buy.manual')}
            </Button>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
