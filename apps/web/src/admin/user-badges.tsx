import type { UserRole, UserStatus } from '@chapar/domain';
import { Badge } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

const ROLE_COLOR: Record<UserRole, string> = { USER: 'gray', ADMIN: 'blue', SUPER_ADMIN: 'grape' };
const STATUS_COLOR: Record<UserStatus, string> = { ACTIVE: 'teal', INACTIVE: 'gray', BANNED: 'red' };

export function RoleBadge({ role }: { role: UserRole }) {
  const t = useT();
  return (
    <Badge color={ROLE_COLOR[role]} variant="light" data-role={role}>
      {t(`admin.role.${role}`)}
    </Badge>
  );
}

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-status={status}>
      {t(`admin.userStatus.${status}`)}
    </Badge>
  );
}
