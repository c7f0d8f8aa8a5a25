import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { formatAmount, type Payment, STATUS_COLORS } from './billing-format';
import { ReceiptUpload } from './receipt-upload';

/** Asking the server to verify again with the gateway is the same trip as the gateway's redirect. */
export function checkAgainUrl(reference: string): string {
  return `/api/payments/zarinpal/callback?Authority=${encodeURIComponent(reference)}&Status=OK`;
}

/** One payment: where the gateway sends the payer back to, and where a transfer's receipt is uploaded. */
export function PaymentPage() {
  const { t, formatId } = useI18n();
  const id = Number(useParams().id);
  const query = trpc.billing.payments.get.useQuery({ id }, { enabled: Number.isInteger(id) && id > 0 });
  const payment = query.data;
  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/pricing" size="sm">
        {t('billing.payment.toPricing')}
      </Anchor>
      <Title order={1} size="h2">
        {t('billing.payment.title', { id: formatId(id) })}
      </Title>
      {!payment ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PaymentDetails payment={payment} />
      )}
    </Stack>
  );
}

function PaymentDetails({ payment }: { payment: Payment }) {
  const { t, formatDate, formatNumber } = useI18n();
  const options = trpc.billing.options.useQuery();
  const unpaid =
    payment.status === 'FAILED' || payment.status === 'CANCELLED' || payment.status === 'REJECTED';
  return (
    <Stack>
      {payment.status === 'PAID' && (
        <Alert color="teal" data-testid="payment-outcome">
          {t('billing.payment.paid', { package: payment.packageTitle })}
        </Alert>
      )}
      {unpaid && (
        <Alert color="red" data-testid="payment-outcome">
          <Stack gap={4}>
            <Text size="sm">{t('billing.payment.unpaid')}</Text>
            {payment.failureReason && (
              <Text size="sm">
                {t('billing.payment.reason')} <bdi>{payment.failureReason}</bdi>
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>
              <bdi>{payment.packageTitle}</bdi>
            </Text>
            <Badge color={STATUS_COLORS[payment.status]} variant="light">
              {t(`billing.status.${payment.status}`)}
            </Badge>
          </Group>
          <Text>{formatAmount(payment.amount, payment.currency, t, formatNumber)}</Text>
          <Text size="sm" c="dimmed">
            {t(`billing.provider.${payment.provider}`)} · {formatDate(payment.createdAt)}
          </Text>
          {payment.providerRef && (
            <Text size="sm">
              {t('billing.payment.providerRef')}: <bdi dir="ltr">{payment.providerRef}</bdi>
            </Text>
          )}
          {payment.payerDetail && (
            <Text size="sm">
              {t('billing.payment.card')}: <bdi dir="ltr">{payment.payerDetail}</bdi>
            </Text>
          )}
        </Stack>
      </Card>
      {payment.status === 'PENDING' && payment.provider === 'zarinpal' && payment.reference && (
        <Group>
          <Text size="sm">{t('billing.payment.pendingGateway')}</Text>
          <Button component="a" href={checkAgainUrl(payment.reference)} variant="default" size="xs">
            {t('billing.payment.checkAgain')}
          </Button>
        </Group>
      )}
      {payment.status === 'PENDING' && payment.provider === 'manual' && (
        <Card withBorder>
          <Stack gap="sm">
            <Text size="sm">{t('billing.manual.instructions')}</Text>
            {options.data?.manualInstructions && (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                <bdi>{options.data.manualInstructions}</bdi>
              </Text>
            )}
            {payment.hasReceipt && (
              <Anchor href={`/api/payments/${payment.id}/receipt`} target="_blank" size="sm">
                {t('billing.manual.viewReceipt')}
              </Anchor>
            )}
            <ReceiptUpload paymentId={payment.id} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
