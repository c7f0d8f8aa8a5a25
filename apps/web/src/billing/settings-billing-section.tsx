import { Anchor, Group, Paper, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-provider';
import { PaymentHistory } from './payment-history';

/** The settings page's billing part: past payments, and the way to plans and verification. */
export function SettingsBillingSection() {
  const t = useT();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="settings-billing-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="settings-billing-title">
            {t('billing.history.title')}
          </Title>
          <Group gap="md">
            <Anchor component={Link} to="/verify" size="sm">
              {t('verify.title')}
            </Anchor>
            <Anchor component={Link} to="/pricing" size="sm">
              {t('billing.title')}
            </Anchor>
          </Group>
        </Group>
        <PaymentHistory />
      </Stack>
    </Paper>
  );
}
