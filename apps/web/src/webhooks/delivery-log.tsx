import { Badge, Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import { notifyError, notifySuccess } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { Webhook, WebhookDelivery } from './events';

const STATUS_COLOR: Record<WebhookDelivery['status'], string> = {
  PENDING: 'yellow',
  DELIVERING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
};

/** The endpoint's deliveries, newest first, refreshed while open; finished ones can be sent again. */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const { t, formatDate, formatNumber, formatId } = useI18n();
  const utils = trpc.useUtils();
  const log = trpc.webhooks.deliveries.useQuery({ id: webhook.id }, { refetchInterval: 5_000 });
  const redeliver = trpc.webhooks.redeliver.useMutation({
    onSuccess: () => {
      notifySuccess(t('webhooks.deliveries.queued'));
      void utils.webhooks.deliveries.invalidate({ id: webhook.id });
    },
    onError: (error) => notifyError(t, error),
  });

  return (
    <Stack gap="xs" component="section" aria-label={t('webhooks.logFor', { url: webhook.url })}>
      <Title order={3} size="h5">
        {t('webhooks.log')} <Code dir="ltr">{webhook.url}</Code>
      </Title>
      {!log.data ? (
        <QueryState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('webhooks.deliveries.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.deliveries.event')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.status')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.attempts')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.response')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.latency')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.time')}</Table.Th>
                <Table.Th>{t('webhooks.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((d) => (
                <Table.Tr key={d.id} data-testid={`delivery-${d.id}`}>
                  <Table.Td>
                    <Code dir="ltr">{d.type}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[d.status]}>
                      {t(`webhooks.delivery.${d.status}`)}
                    </Badge>
                    {d.nextAttemptAt && (
                      <Text size="xs" c="dimmed">
                        {t('webhooks.deliveries.nextTry', { time: formatDate(d.nextAttemptAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatNumber(d.attempts)}</Table.Td>
                  <Table.Td>
                    {d.lastStatusCode !== null ? (
                      <Code dir="ltr">HTTP {d.lastStatusCode}</Code>
                    ) : d.attempts > 0 ? (
                      <Text size="sm" title={d.lastError ?? undefined}>
                        {t('webhooks.deliveries.noAnswer')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {d.lastLatencyMs !== null
                      ? t('webhooks.deliveries.latencyMs', { ms: formatNumber(d.lastLatencyMs) })
                      : null}
                  </Table.Td>
                  <Table.Td>{formatDate(d.createdAt)}</Table.Td>
                  <Table.Td>
                    {(d.status === 'SUCCEEDED' || d.status === 'FAILED') && (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={t('webhooks.deliveries.sendAgainFor', { id: formatId(d.id) })}
                        disabled={redeliver.isPending}
                        onClick={() => redeliver.mutate({ deliveryId: d.id })}
                      >
                        {t('webhooks.deliveries.sendAgain')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
