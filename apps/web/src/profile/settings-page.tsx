import { Stack, Title } from '@mantine/core';
import { SettingsBillingSection } from '../billing/settings-billing-section';
import { useT } from '../i18n/i18n-provider';
import { ApiKeysSection } from './api-keys-section';
import { PasswordForm } from './password-form';
import { ProfilePage } from './profile-page';

/** Profile (name, language, default country), password, API keys and payments, one section each. */
export function SettingsPage() {
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <ProfilePage />
      <PasswordForm />
      <ApiKeysSection />
      <SettingsBillingSection />
    </Stack>
  );
}
