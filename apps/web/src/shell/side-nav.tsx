import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useUser } from '../auth/user-context';
import { useT } from '../i18n/i18n-provider';
import { visibleNavItems } from './nav-items';

export function SideNav({ onNavigate }: { onNavigate(): void }) {
  const t = useT();
  const user = useUser();
  const { pathname } = useLocation();
  return (
    <>
      {visibleNavItems(user).map((item) => {
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
