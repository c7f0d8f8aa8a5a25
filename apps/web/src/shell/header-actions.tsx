import { Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { IconLogout, IconUser } from '@tabler/icons-react';
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
      <Group gap={4} wrap="nowrap" visibleFrom="sm">
        <IconUser size={16} aria-hidden />
        <Text size="sm" fw={500}>
          <VisuallyHidden>{t('header.signedInAs')} </VisuallyHidden>
          {user.name}
        </Text>
      </Group>
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
