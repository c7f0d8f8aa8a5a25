import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useUser } from '../auth/user-context';
import { useT } from '../i18n/i18n-provider';
import { visibleNavItems } from './nav-items';

export function SideNav({ onNavigate }: { onNavigate(): void }) {
  const t = useT();
  const user = useUser();
  const { pathname } = useLocation();
  const items = visibleNavItems(user);
  // The longest match is the current page (/settings/webhooks is Webhooks, not also Settings).
  const current = items
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <>
      {items.map((item) => {
        const active = item === current;
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
