import { NavLink } from '@mantine/core';
import {
  IconBrandWhatsapp,
  IconMessageOff,
  IconSend,
  IconSettings,
  IconShieldLock,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { isAdmin } from '../admin/roles';
import { useOptionalUser } from '../auth/user-context';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';

interface NavItem {
  to: string;
  label: MessageKey;
  icon: ReactNode;
}

const ITEMS: NavItem[] = [
  { to: '/campaigns', label: 'nav.campaigns', icon: <IconSend size={18} aria-hidden /> },
  { to: '/whatsapp', label: 'nav.whatsapp', icon: <IconBrandWhatsapp size={18} aria-hidden /> },
  { to: '/opt-outs', label: 'nav.optOuts', icon: <IconMessageOff size={18} aria-hidden /> },
  { to: '/settings', label: 'nav.settings', icon: <IconSettings size={18} aria-hidden /> },
];

/** Shown to ADMIN and SUPER_ADMIN only (the server refuses everyone else anyway). */
const ADMIN_ITEM: NavItem = {
  to: '/admin',
  label: 'nav.admin',
  icon: <IconShieldLock size={18} aria-hidden />,
};

export function SideNav({ onNavigate }: { onNavigate(): void }) {
  const t = useT();
  const { pathname } = useLocation();
  const user = useOptionalUser();
  const items = user && isAdmin(user) ? [...ITEMS, ADMIN_ITEM] : ITEMS;
  return (
    <>
      {items.map((item) => {
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
