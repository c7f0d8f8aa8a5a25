import type { AccountStatus } from '@chapar/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import { ACCOUNT_STATUS_COLOR } from './account-status';

export function AccountStatusBadge({ status, ...props }: { status: AccountStatus } & BadgeProps) {
  const t = useT();
  return (
    <Badge color={ACCOUNT_STATUS_COLOR[status]} variant="light" data-status={status} {...props}>
      {t(`accountStatus.${status}`)}
    </Badge>
  );
}
