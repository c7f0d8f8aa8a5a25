import { ActionIcon, AppShell, Burger, Group, Title } from '@mantine/core';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import { IconBrandWhatsapp, IconLayoutSidebar } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { AccountBanners } from '../billing/account-banners';
import { PageSkeleton } from '../components/page-skeleton';
import { useT } from '../i18n/i18n-provider';
import { LiveAccountsProvider } from '../whatsapp/live-accounts';
import { CommandPalette, palette } from './command-palette';
import { HeaderActions } from './header-actions';
import { ShortcutsHelp } from './shortcuts-help';
import { SideNav } from './side-nav';
import { useShellShortcuts } from './use-shell-shortcuts';

/** The signed-in, desktop-style frame: header on top, navigation at the start side. */
export function AppLayout() {
  const t = useT();
  const [mobileOpened, mobile] = useDisclosure();
  // On wide screens the navigation folds away on request, and stays so on the next visit.
  const [collapsed, setCollapsed] = useLocalStorage({ key: 'chapar.navCollapsed', defaultValue: false });
  const [helpOpened, help] = useDisclosure();
  const toggleNav = () => {
    mobile.toggle();
    setCollapsed((value) => !value);
  };
  useShellShortcuts({ openPalette: palette.open, openHelp: help.open, toggleNav });

  return (
    <LiveAccountsProvider>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !mobileOpened, desktop: collapsed } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={mobileOpened}
                onClick={mobile.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('header.toggleNav')}
                aria-expanded={mobileOpened}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                visibleFrom="sm"
                onClick={() => setCollapsed(!collapsed)}
                aria-label={t('header.toggleNav')}
                aria-expanded={!collapsed}
                title={t('header.toggleNav')}
              >
                <IconLayoutSidebar size={20} aria-hidden />
              </ActionIcon>
              <IconBrandWhatsapp size={28} color="var(--mantine-color-teal-6)" aria-hidden />
              <Title order={2} size="h3">
                {t('app.name')}
              </Title>
            </Group>
            <HeaderActions onSearch={palette.open} onHelp={help.open} />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          {/* On narrow screens the navigation is a drawer that closes once a page is chosen. */}
          <SideNav onNavigate={mobile.close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <AccountBanners />
          {/* Areas load on first visit; their skeleton stands in meanwhile. */}
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
      <CommandPalette onHelp={help.open} />
      <ShortcutsHelp opened={helpOpened} onClose={help.close} />
    </LiveAccountsProvider>
  );
}
