import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmButton } from '../components/confirm-button';
import { LoadMore } from '../components/load-more';
import { notifyError, notifySuccess } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { formatAmount, type Payment, type PaymentStatus, STATUS_COLORS } from './billing-format';

const STATUSES: PaymentStatus[] = ['PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REJECTED'];

/** Admin tab: every payment, manual transfers approved or rejected here, and grants by hand. */
export function AdminPaymentsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<PaymentStatus | null>('PENDING');
  const query = trpc.admin.payments.list.useInfiniteQuery(
    { limit: 50, ...(status ? { status } : {}) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = query.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2" id="admin-payments-title">
          {t('adminPayments.title')}
        </Title>
        <Select
          label={t('adminPayments.filter')}
          data={[
            { value: '', label: t('adminPayments.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`billing.status.${s}`) })),
          ]}
          value={status ?? ''}
          onChange={(value) => setStatus(value ? (value as PaymentStatus) : null)}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {!items ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('adminPayments.empty')}</Text>
      ) : (
        <PaymentsTable items={items} />
      )}
      <LoadMore query={query} />
      {/* Granting by hand lives with the user (admin tab → Users → the user's drawer). */}
      <Text size="sm" c="dimmed">
        {t('adminPayments.grantHint')}{' '}
        <Anchor component={Link} to="/admin/users">
          {t('adminPayments.grantLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function PaymentsTable({ items }: { items: Payment[] }) {
  const { t, formatDate, formatNumber, formatId } = useI18n();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped aria-labelledby="admin-payments-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('billing.col.date')}</Table.Th>
            <Table.Th>{t('billing.col.user')}</Table.Th>
            <Table.Th>{t('billing.col.package')}</Table.Th>
            <Table.Th>{t('billing.col.amount')}</Table.Th>
            <Table.Th>{t('billing.col.method')}</Table.Th>
            <Table.Th>{t('billing.col.status')}</Table.Th>
            <Table.Th>{t('billing.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{formatId(p.id)}</Table.Td>
              <Table.Td>{formatDate(p.createdAt)}</Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <bdi>{p.userName}</bdi>
                  <Text size="xs" c="dimmed">
                    <bdi dir="ltr">{p.userEmail}</bdi> · {formatId(p.userId)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <bdi>{p.packageTitle}</bdi>
              </Table.Td>
              <Table.Td>{formatAmount(p.amount, p.currency, t, formatNumber)}</Table.Td>
              <Table.Td>{t(`billing.provider.${p.provider}`)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge color={STATUS_COLORS[p.status]} variant="light">
                    {t(`billing.status.${p.status}`)}
                  </Badge>
                  {p.failureReason && (
                    <Text size="xs" c="dimmed">
                      <bdi>{p.failureReason}</bdi>
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{p.provider === 'manual' && <ManualActions payment={p} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ManualActions({ payment }: { payment: Payment }) {
  const { t, formatId } = useI18n();
  const utils = trpc.useUtils();
  const id = formatId(payment.id);
  const done = () => void utils.admin.payments.list.invalidate();
  const approve = trpc.admin.payments.approve.useMutation({
    onSuccess: () => {
      notifySuccess(t('adminPayments.done.approved', { id }));
      done();
    },
    onError: (error) => notifyError(t, error),
  });
  return (
    <Group gap="xs" wrap="nowrap">
      {payment.hasReceipt ? (
        <Anchor href={`/api/payments/${payment.id}/receipt`} target="_blank" size="sm">
          {t('adminPayments.receipt')}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed">
          {t('adminPayments.noReceipt')}
        </Text>
      )}
      {payment.status === 'PENDING' && (
        <>
          <ConfirmButton
            size="xs"
            color="teal"
            disabled={approve.isPending}
            aria-label={t('adminPayments.approve.for', { id })}
            title={t('adminPayments.approve.title', { id })}
            message={t('adminPayments.approve.body')}
            confirmLabel={t('adminPayments.approve')}
            onConfirm={() => approve.mutate({ id: payment.id })}
          >
            {t('adminPayments.approve')}
          </ConfirmButton>
          <RejectButton payment={payment} onDone={done} />
        </>
      )}
    </Group>
  );
}

function RejectButton({ payment, onDone }: { payment: Payment; onDone(): void }) {
  const { t, formatId } = useI18n();
  const id = formatId(payment.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const reject = trpc.admin.payments.reject.useMutation({
    onSuccess: () => {
      notifySuccess(t('adminPayments.done.rejected', { id }));
      close();
      onDone();
    },
    onError: (error) => notifyError(t, error),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reject.mutate({ id: payment.id, reason: reason.trim() });
  };
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={open}
        aria-label={t('adminPayments.reject.for', { id })}
      >
        {t('adminPayments.reject')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('adminPayments.reject.title', { id })} centered>
        <form onSubmit={submit}>
          <Stack>
            <Textarea
              label={t('adminPayments.reject.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              required
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.back')}
              </Button>
              <Button type="submit" color="red" disabled={!reason.trim()} loading={reject.isPending}>
                {t('adminPayments.reject')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
