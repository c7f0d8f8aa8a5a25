import { isAdmin, type UserRole } from '@chapar/domain';
import {
  IconBrandWhatsapp,
  IconLayoutDashboard,
  IconMessageOff,
  IconReceipt,
  IconSend,
  IconSettings,
  IconShieldLock,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ReactNode;
  /** Only ADMIN and SUPER_ADMIN see it. */
  adminOnly?: boolean;
  /** The physical key (`KeyboardEvent.code`) that jumps here, so it works on a Persian layout too. */
  shortcut?: string;
}

/**
 * The side navigation, the command palette's pages and the go-to shortcuts all read this
 * list: a new area adds one line here (and its route in routes.tsx).
 */
export const NAV_ITEMS: NavItem[] = [
  {
    to: '/dashboard',
    label: 'nav.dashboard',
    icon: <IconLayoutDashboard size={18} aria-hidden />,
    shortcut: 'KeyD',
  },
  { to: '/campaigns', label: 'nav.campaigns', icon: <IconSend size={18} aria-hidden />, shortcut: 'KeyC' },
  {
    to: '/whatsapp',
    label: 'nav.whatsapp',
    icon: <IconBrandWhatsapp size={18} aria-hidden />,
    shortcut: 'KeyW',
  },
  { to: '/opt-outs', label: 'nav.optOuts', icon: <IconMessageOff size={18} aria-hidden />, shortcut: 'KeyO' },
  { to: '/pricing', label: 'nav.pricing', icon: <IconReceipt size={18} aria-hidden /> },
  { to: '/settings', label: 'nav.settings', icon: <IconSettings size={18} aria-hidden />, shortcut: 'KeyS' },
  { to: '/settings/webhooks', label: 'nav.webhooks', icon: <IconWebhook size={18} aria-hidden /> },
  // The admin tab: hidden for others, and the server refuses them anyway.
  { to: '/admin', label: 'nav.admin', icon: <IconShieldLock size={18} aria-hidden />, adminOnly: true },
];

export function visibleNavItems(user: { role: UserRole }): NavItem[] {
  const admin = isAdmin(user);
  return NAV_ITEMS.filter((item) => admin || !item.adminOnly);
}
