import { AppShell, Burger, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import { AccountBanners } from '../billing/account-banners';
import { useT } from '../i18n/i18n-provider';
import { LiveAccountsProvider } from '../whatsapp/live-accounts';
import { HeaderActions } from './header-actions';
import { SideNav } from './side-nav';

/** The signed-in, desktop-style frame: header on top, navigation at the start side. */
export function AppLayout() {
  const t = useT();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <LiveAccountsProvider>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('header.toggleNav')}
              />
              <IconBrandWhatsapp size={28} color="var(--mantine-color-teal-6)" aria-hidden />
              <Title order={2} size="h3">
                {t('app.name')}
              </Title>
            </Group>
            <HeaderActions />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          {/* On narrow screens the navigation is a drawer that closes once a page is chosen. */}
          <SideNav onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <AccountBanners />
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </LiveAccountsProvider>
  );
}
