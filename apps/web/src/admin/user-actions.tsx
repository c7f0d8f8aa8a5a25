import { assignableRoles, type UserRole } from '@chapar/domain';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useUser } from '../auth/user-context';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { adminErrorText, adminFormErrors } from './admin-errors';
import { BanForm } from './ban-form';
import type { AdminUserDetail } from './types';

// The two things an admin changes about another user: their role, and ban or unban.

/** Every change refreshes the drawer, the list and the log, which all show it. */
function useUserUpdate() {
  const utils = trpc.useUtils();
  return trpc.admin.users.update.useMutation({
    onSuccess: (updated) =>
      Promise.all([
        utils.admin.users.get.invalidate({ id: updated.id }),
        utils.admin.users.list.invalidate(),
        utils.admin.auditLog.list.invalidate(),
      ]),
  });
}

export function RoleForm({ detail }: { detail: AdminUserDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useUser();
  const { user } = detail;
  const roles = assignableRoles(me, user);
  const [role, setRole] = useState<UserRole>(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  const update = useUserUpdate();
  const errors = adminFormErrors(i18n, update.error, ['role']);

  // An ADMIN can only keep a USER a USER: no choice to offer, just the rule.
  if (roles.length <= 1)
    return (
      <Text size="sm" c="dimmed">
        {t('admin.user.roleSuperOnly')}
      </Text>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { id: user.id, role },
          {
            onSuccess: (u) => notifySuccess(t('admin.user.roleChanged', { role: t(`admin.role.${u.role}`) })),
          },
        );
      }}
    >
      <Group align="flex-start">
        <NativeSelect
          label={t('admin.user.role')}
          description={me.role === 'SUPER_ADMIN' ? undefined : t('admin.user.roleSuperOnly')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as UserRole)}
          data={roles.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
          error={fieldError(errors.fields.role)}
        />
        <Button
          type="submit"
          mt={24}
          variant="default"
          loading={update.isPending}
          disabled={role === user.role}
        >
          {t('admin.user.roleSave')}
        </Button>
        <FormErrorAlert message={errors.general} />
      </Group>
    </form>
  );
}

export function StatusActions({ detail }: { detail: AdminUserDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = detail;
  const update = useUserUpdate();
  const error = update.error ? adminErrorText(i18n, update.error) : null;

  if (user.status === 'BANNED') {
    return (
      <Stack gap="xs">
        <FormErrorAlert message={error} />
        <Button
          variant="light"
          color="teal"
          leftSection={<IconLockOpen size={16} aria-hidden />}
          loading={update.isPending}
          w="fit-content"
          onClick={() =>
            update.mutate(
              { id: user.id, status: 'ACTIVE' },
              { onSuccess: () => notifySuccess(t('admin.user.unbanned', { name: user.name })) },
            )
          }
        >
          {t('admin.user.unban')}
        </Button>
      </Stack>
    );
  }
  return (
    <BanForm
      pending={update.isPending}
      error={error}
      onBan={(reason) =>
        update.mutate(
          { id: user.id, status: 'BANNED', statusReason: reason },
          { onSuccess: () => notifySuccess(t('admin.user.banned', { name: user.name })) },
        )
      }
    />
  );
}
