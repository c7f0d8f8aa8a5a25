import { Anchor, Button, Group, VisuallyHidden } from '@mantine/core';
import { IconLogout, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useLogout } from '../auth/use-session-actions';
import { useUser } from '../auth/user-context';
import { useT } from '../i18n/i18n-provider';
import { LanguageSwitch } from '../i18n/language-switch';
import { AccountsIndicator } from './accounts-indicator';

export function HeaderActions() {
  const t = useT();
  const user = useUser();
  const logout = useLogout();
  return (
    <Group gap="sm" wrap="nowrap">
      <AccountsIndicator />
      <LanguageSwitch />
      {/* The name opens the profile settings. */}
      <Anchor
        component={Link}
        to="/settings"
        size="sm"
        fw={500}
        c="var(--mantine-color-text)"
        underline="hover"
        visibleFrom="sm"
        title={t('header.settings')}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        <IconUser size={16} aria-hidden />
        <VisuallyHidden>{t('header.signedInAs')} </VisuallyHidden>
        {user.name}
      </Anchor>
      <Button
        variant="subtle"
        color="gray"
        size="xs"
        leftSection={<IconLogout size={16} aria-hidden />}
        loading={logout.isPending}
        onClick={() => logout.mutate()}
      >
        {t('header.logout')}
      </Button>
    </Group>
  );
}
