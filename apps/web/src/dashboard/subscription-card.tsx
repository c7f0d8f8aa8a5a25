import { Anchor, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n-provider';
import type { DashboardSummary } from './use-dashboard';

/** The package in force, days left and messages left. */
export function SubscriptionCard({ subscription }: { subscription: DashboardSummary['subscription'] }) {
  const { t, formatNumber, formatDate } = useI18n();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="subscription-title">
      <Title order={2} size="h4" mb="sm" id="subscription-title">
        {t('dashboard.subscription')}
      </Title>
      {!subscription ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.subscription.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text fw={600}>
            <bdi>{subscription.packageTitle ?? t('dashboard.subscription.trial')}</bdi>
          </Text>
          {!subscription.active && (
            <Text c="red" size="sm" fw={500}>
              {t('dashboard.subscription.inactive')}
            </Text>
          )}
          <Text size="sm" data-testid="days-left">
            {t('dashboard.subscription.daysLeft', { days: formatNumber(subscription.daysLeft) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.subscription.until', { date: formatDate(subscription.expiresAt) })}
          </Text>
          <Text size="sm" data-testid="messages-left">
            {t('dashboard.subscription.messagesLeft', {
              left: formatNumber(subscription.messagesLeft),
              limit: formatNumber(subscription.messageLimit),
            })}
          </Text>
          <Progress
            value={
              subscription.messageLimit ? (subscription.messagesUsed / subscription.messageLimit) * 100 : 100
            }
            aria-label={t('dashboard.subscription.used')}
          />
          <Anchor component={Link} to="/pricing" size="sm">
            {t('dashboard.subscription.buy')}
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}
