import { ActionIcon, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useT } from '../i18n/i18n-provider';

/** Mantine remembers the choice in localStorage; `useToggleColorScheme` is shared with the shortcut. */
export function useToggleColorScheme(): () => void {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  return () => setColorScheme(computed === 'dark' ? 'light' : 'dark');
}

export function ColorSchemeToggle() {
  const t = useT();
  const dark = useComputedColorScheme('light') === 'dark';
  const toggle = useToggleColorScheme();
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={toggle}
      aria-label={t('header.darkTheme')}
      aria-pressed={dark}
      title={t('header.darkTheme')}
    >
      {dark ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
    </ActionIcon>
  );
}
