import { NavLink } from '@mantine/core';
import { IconBrandWhatsapp, IconMessageOff, IconReceipt, IconSend, IconSettings } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';

interface NavItem {
  to: string;
  label: MessageKey;
  icon: ReactNode;
}

// The admin entry (ADMIN / SUPER_ADMIN only) joins this list with the admin tab.
const ITEMS: NavItem[] = [
  { to: '/campaigns', label: 'nav.campaigns', icon: <IconSend size={18} aria-hidden /> },
  { to: '/whatsapp', label: 'nav.whatsapp', icon: <IconBrandWhatsapp size={18} aria-hidden /> },
  { to: '/opt-outs', label: 'nav.optOuts', icon: <IconMessageOff size={18} aria-hidden /> },
  { to: '/pricing', label: 'nav.pricing', icon: <IconReceipt size={18} aria-hidden /> },
  { to: '/settings', label: 'nav.settings', icon: <IconSettings size={18} aria-hidden /> },
];

export function SideNav({ onNavigate }: { onNavigate(): void }) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <>
      {ITEMS.map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={item.icon}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </>
  );
}
