import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPhoneCheck } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useUser } from '../auth/user-context';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { subscriptionBanner } from './billing-format';

/**
 * Warnings above every page: the subscription (none, 80% used, ending within 3 days) and
 * an unverified phone (when this server can send SMS codes). Hidden on the pages that resolve them.
 */
export function AccountBanners() {
  const { t, formatDate } = useI18n();
  const user = useUser();
  const { pathname } = useLocation();
  const current = trpc.subscription.current.useQuery(undefined, { staleTime: 60_000 });
  const banner = current.data === undefined ? null : subscriptionBanner(current.data);
  const onPricing = pathname.startsWith('/pricing') || pathname.startsWith('/billing');
  const options = trpc.billing.options.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  // Only where the server can send the code: otherwise the banner asks for the impossible.
  const showVerify =
    !user.phoneVerifiedAt && pathname !== '/verify' && options.data?.verification.sms === true;
  if ((!banner || onPricing) && !showVerify) return null;

  return (
    <Stack gap="xs" mb="md">
      {banner && !onPricing && (
        <Alert
          color={banner.kind === 'inactive' ? 'red' : 'yellow'}
          icon={<IconAlertTriangle size={18} aria-hidden />}
          data-testid="subscription-banner"
        >
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {banner.kind === 'inactive'
                ? t('billing.banner.inactive')
                : banner.kind === 'usage'
                  ? t('billing.banner.usage', { used: banner.used, limit: banner.limit })
                  : t('billing.banner.expiry', { date: formatDate(banner.expiresAt) })}
            </Text>
            <Anchor component={Link} to="/pricing" size="sm">
              {t('billing.banner.renew')}
            </Anchor>
          </Group>
        </Alert>
      )}
      {showVerify && (
        <Alert color="blue" icon={<IconPhoneCheck size={18} aria-hidden />} data-testid="verify-banner">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('verify.banner')}</Text>
            <Anchor component={Link} to="/verify" size="sm">
              {t('verify.banner.action')}
            </Anchor>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
