import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LoadMore } from '../components/load-more';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { formatAmount, STATUS_COLORS } from './billing-format';

/** The signed-in user's payments, newest first, each linking to its page. */
export function PaymentHistory() {
  const { t, formatDate, formatNumber, formatId } = useI18n();
  const query = trpc.billing.payments.list.useInfiniteQuery(
    { limit: 20 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = query.data?.pages.flatMap((page) => page.items);
  if (!items) return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0) return <Text c="dimmed">{t('billing.history.empty')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label={t('billing.history.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.col.date')}</Table.Th>
              <Table.Th>{t('billing.col.package')}</Table.Th>
              <Table.Th>{t('billing.col.amount')}</Table.Th>
              <Table.Th>{t('billing.col.method')}</Table.Th>
              <Table.Th>{t('billing.col.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((payment) => (
              <Table.Tr key={payment.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/billing/payments/${payment.id}`}
                    aria-label={t('billing.payment.open', { id: formatId(payment.id) })}
                  >
                    {formatDate(payment.createdAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <bdi>{payment.packageTitle}</bdi>
                </Table.Td>
                <Table.Td>{formatAmount(payment.amount, payment.currency, t, formatNumber)}</Table.Td>
                <Table.Td>{t(`billing.provider.${payment.provider}`)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[payment.status]} variant="light">
                    {t(`billing.status.${payment.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore query={query} />
    </>
  );
}
