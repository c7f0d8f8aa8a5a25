import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { notifyError, notifySuccess } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { DeliveryLog } from './delivery-log';
import { WebhookForm } from './webhook-form';

/** Settings → Webhooks: add endpoints, test them, read their delivery log, send again. */
export function WebhooksPage() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const list = trpc.webhooks.list.useQuery();
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => void utils.webhooks.list.invalidate();
  const remove = trpc.webhooks.remove.useMutation({ onSuccess: refresh, onError: (e) => notifyError(t, e) });
  const enable = trpc.webhooks.enable.useMutation({ onSuccess: refresh, onError: (e) => notifyError(t, e) });
  const test = trpc.webhooks.test.useMutation({
    onSuccess: (delivery, { id }) => {
      if (delivery.status === 'SUCCEEDED')
        notifySuccess(
          t('webhooks.test.ok', { code: delivery.lastStatusCode ?? 0, ms: delivery.lastLatencyMs ?? 0 }),
        );
      else notifyError(t, new Error(t('webhooks.test.failed', { error: delivery.lastError ?? '' })));
      void utils.webhooks.deliveries.invalidate({ id });
    },
    onError: (e) => notifyError(t, e),
  });
  const webhooks = list.data ?? [];
  const shown = webhooks.find((w) => w.id === open);

  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('webhooks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('webhooks.intro')}
      </Text>
      {webhooks
        .filter((w) => w.status === 'DISABLED')
        .map((w) => (
          <Alert key={w.id} color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            <Group justify="space-between">
              <Text size="sm">{t('webhooks.disabled.notice', { url: w.url })}</Text>
              <Button size="xs" onClick={() => enable.mutate({ id: w.id })} loading={enable.isPending}>
                {t('webhooks.enable')}
              </Button>
            </Group>
          </Alert>
        ))}
      <Paper withBorder p="lg">
        <WebhookForm />
      </Paper>
      <Paper withBorder p="lg">
        {!list.data ? (
          <QueryState error={list.error} onRetry={() => void list.refetch()} />
        ) : webhooks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('webhooks.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.col.url')}</Table.Th>
                  <Table.Th>{t('webhooks.col.events')}</Table.Th>
                  <Table.Th>{t('webhooks.col.status')}</Table.Th>
                  <Table.Th>{t('webhooks.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {webhooks.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>
                      <Code dir="ltr" style={{ wordBreak: 'break-all' }}>
                        {w.url}
                      </Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {w.events.map((e) => (
                          <Badge key={e} variant="outline" size="sm" style={{ textTransform: 'none' }}>
                            <bdi>{e}</bdi>
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        color={w.status === 'ACTIVE' ? 'teal' : 'red'}
                        variant="light"
                        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                      >
                        {t(`webhooks.status.${w.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          loading={test.isPending && test.variables?.id === w.id}
                          onClick={() => test.mutate({ id: w.id })}
                        >
                          {t('webhooks.test')}
                        </Button>
                        <Button
                          size="xs"
                          variant={open === w.id ? 'light' : 'subtle'}
                          aria-pressed={open === w.id}
                          onClick={() => setOpen(open === w.id ? null : w.id)}
                        >
                          {t('webhooks.log')}
                        </Button>
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('webhooks.removeFor', { url: w.url })}
                          disabled={remove.isPending}
                          title={t('webhooks.remove.title')}
                          message={t('webhooks.remove.body')}
                          confirmLabel={t('webhooks.remove')}
                          onConfirm={() => remove.mutate({ id: w.id })}
                        >
                          {t('webhooks.remove')}
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {shown && (
        <Paper withBorder p="lg">
          <DeliveryLog webhook={shown} />
        </Paper>
      )}
    </Stack>
  );
}
