import { ActionIcon, Anchor, Button, Group, Kbd, VisuallyHidden } from '@mantine/core';
import { IconKeyboard, IconLogout, IconSearch, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useLogout } from '../auth/use-session-actions';
import { useUser } from '../auth/user-context';
import { useT } from '../i18n/i18n-provider';
import { LanguageSwitch } from '../i18n/language-switch';
import { AccountsIndicator } from './accounts-indicator';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { modKeyName } from './shortcuts';

export function HeaderActions({ onSearch, onHelp }: { onSearch(): void; onHelp(): void }) {
  const t = useT();
  const user = useUser();
  const logout = useLogout();
  return (
    <Group gap="sm" wrap="nowrap">
      <AccountsIndicator />
      <Button
        variant="default"
        size="xs"
        visibleFrom="sm"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          <Kbd size="xs" dir="ltr" visibleFrom="md">
            {modKeyName(navigator.platform)}+K
          </Kbd>
        }
        onClick={onSearch}
      >
        {t('palette.open')}
      </Button>
      {/* Narrow screens: the same search, as an icon. */}
      <ActionIcon
        variant="default"
        size="lg"
        hiddenFrom="sm"
        onClick={onSearch}
        aria-label={t('palette.open')}
      >
        <IconSearch size={18} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={onHelp}
        aria-label={t('shortcuts.title')}
        title={t('shortcuts.title')}
      >
        <IconKeyboard size={18} aria-hidden />
      </ActionIcon>
      <ColorSchemeToggle />
      <LanguageSwitch />
      {/* The name opens the profile settings. */}
      <Anchor
        component={Link}
        to="/settings"
        size="sm"
        fw={500}
        c="var(--mantine-color-text)"
        underline="hover"
        visibleFrom="lg"
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
