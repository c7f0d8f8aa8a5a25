import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatAmount } from '../billing/billing-format';
import { ConfirmButton } from '../components/confirm-button';
import { notifySuccess } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { notifyAdminError } from './admin-errors';
import { PackageForm, type PackageInput } from './package-form';
import type { AdminPackage } from './types';

/** Packages on sale and off: create, edit, take off sale (or back on). */
export function PackagesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const utils = trpc.useUtils();
  const query = trpc.admin.packages.list.useQuery();
  const options = trpc.billing.options.useQuery();
  // null: closed; 'new': creating; a package: editing it.
  const [editing, setEditing] = useState<AdminPackage | 'new' | null>(null);
  const refresh = () =>
    Promise.all([utils.admin.packages.list.invalidate(), utils.admin.auditLog.list.invalidate()]);
  const done = () => {
    notifySuccess(t('admin.packages.saved'));
    setEditing(null);
    return refresh();
  };
  const create = trpc.admin.packages.create.useMutation({ onSuccess: done });
  const update = trpc.admin.packages.update.useMutation({ onSuccess: done });
  const toggle = trpc.admin.packages.update.useMutation({
    onSuccess: refresh,
    onError: (error) => notifyAdminError(i18n, error),
  });
  const mutation = editing === 'new' ? create : update;

  const open = (value: AdminPackage | 'new') => {
    create.reset();
    update.reset();
    setEditing(value);
  };
  const save = (input: PackageInput) => {
    if (editing === 'new') create.mutate(input);
    else if (editing) update.mutate({ id: editing.id, ...input });
  };

  return (
    <Stack component="section" aria-labelledby="admin-packages-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="admin-packages-title">
          {t('admin.packages.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open('new')}>
          {t('admin.packages.new')}
        </Button>
      </Group>
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed">{t('admin.packages.empty')}</Text>
        </Paper>
      ) : (
        <PackagesTable
          items={query.data}
          currency={options.data?.currency}
          busy={toggle.isPending}
          onEdit={open}
          onToggle={(pkg) =>
            toggle.mutate({ id: pkg.id, status: pkg.status === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE' })
          }
        />
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'admin.package.createTitle' : 'admin.package.editTitle')}
        size="lg"
        centered
      >
        {editing !== null && (
          <PackageForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? null : editing}
            currency={options.data?.currency}
            pending={mutation.isPending}
            error={mutation.error}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function PackagesTable({
  items,
  currency,
  busy,
  onEdit,
  onToggle,
}: {
  items: AdminPackage[];
  currency: string | undefined;
  busy: boolean;
  onEdit(pkg: AdminPackage): void;
  onToggle(pkg: AdminPackage): void;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-labelledby="admin-packages-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.packages.col.title')}</Table.Th>
            <Table.Th>{t('admin.packages.col.price')}</Table.Th>
            <Table.Th>{t('admin.packages.col.duration')}</Table.Th>
            <Table.Th>{t('admin.packages.col.messages')}</Table.Th>
            <Table.Th>{t('admin.packages.col.status')}</Table.Th>
            <Table.Th>{t('admin.packages.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((pkg) => (
            <Table.Tr key={pkg.id} data-package-id={pkg.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  <bdi>{pkg.title}</bdi>
                </Text>
                {pkg.category && (
                  <Text size="xs" c="dimmed">
                    <bdi>{pkg.category}</bdi>
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {currency
                  ? formatAmount(pkg.price, currency, t, formatNumber)
                  : formatNumber(Number(pkg.price))}
              </Table.Td>
              <Table.Td>{t('admin.packages.days', { days: pkg.duration })}</Table.Td>
              <Table.Td>{formatNumber(pkg.messageLimit)}</Table.Td>
              <Table.Td>
                <Badge
                  color={pkg.status === 'ACTIVE' ? 'teal' : 'gray'}
                  variant="light"
                  data-status={pkg.status}
                >
                  {t(`admin.packages.status.${pkg.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    aria-label={t('admin.packages.editFor', { title: pkg.title })}
                    onClick={() => onEdit(pkg)}
                  >
                    {t('admin.packages.edit')}
                  </Button>
                  {pkg.status === 'ACTIVE' ? (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      disabled={busy}
                      aria-label={t('admin.packages.deactivateFor', { title: pkg.title })}
                      title={t('admin.packages.deactivateTitle', { title: pkg.title })}
                      message={t('admin.packages.deactivateBody')}
                      confirmLabel={t('admin.packages.deactivate')}
                      onConfirm={() => onToggle(pkg)}
                    >
                      {t('admin.packages.deactivate')}
                    </ConfirmButton>
                  ) : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="teal"
                      disabled={busy}
                      aria-label={t('admin.packages.activateFor', { title: pkg.title })}
                      onClick={() => onToggle(pkg)}
                    >
                      {t('admin.packages.activate')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
