import { ACCOUNT_STATUSES } from '@chapar/domain';
import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense } from 'react';
import { QueryState } from '../components/query-state';
import { localeDigits } from '../i18n/digits';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { AccountOwnersTable } from './account-owners-table';
import type { SystemReport } from './types';
import { formatUptime } from './uptime';
import { WorkersTable } from './workers-table';

const MessagesChart = lazy(() => import('./messages-chart'));

/** How the service is doing: database, engine, accounts, traffic, version and uptime, the workers and who holds which account. */
export function SystemPage() {
  const { t } = useI18n();
  const query = trpc.admin.system.useQuery(undefined, { refetchInterval: 10_000 });
  const utils = trpc.useUtils();
  return (
    <Stack component="section" aria-labelledby="admin-system-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="admin-system-title">
          {t('admin.system.title')}
        </Title>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconRefresh size={14} aria-hidden />}
          loading={query.isFetching}
          onClick={() => {
            void query.refetch();
            void utils.admin.accountOwners.invalidate();
          }}
        >
          {t('admin.system.refresh')}
        </Button>
      </Group>
      {query.data ? (
        <SystemReportView report={query.data} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Stack>
  );
}

function HealthCard({
  title,
  ok,
  okLabel,
  badLabel,
  testId,
  children,
}: {
  title: string;
  ok: boolean;
  okLabel: string;
  badLabel: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId} data-ok={ok}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{title}</Text>
        <Badge color={ok ? 'teal' : 'red'} variant="light">
          {ok ? okLabel : badLabel}
        </Badge>
      </Group>
      <Stack gap={2}>{children}</Stack>
    </Card>
  );
}

function SystemReportView({ report }: { report: SystemReport }) {
  const { t, formatNumber, formatDate, language } = useI18n();
  const { database, engine, accounts, server } = report;
  const totals = report.messagesPerHour.reduce(
    (sum, h) => ({ sent: sum.sent + h.sent, failed: sum.failed + h.failed }),
    { sent: 0, failed: 0 },
  );
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <HealthCard
          title={t('admin.system.database')}
          ok={database.reachable && database.migrationsCurrent === true}
          okLabel={t('admin.system.reachable')}
          badLabel={
            database.reachable
              ? t('admin.system.migrationsPending', { n: database.pendingMigrations ?? 0 })
              : t('admin.system.unreachable')
          }
          testId="system-database"
        >
          {database.latencyMs !== null && (
            <Text size="sm">{t('admin.system.latency', { ms: Math.round(database.latencyMs) })}</Text>
          )}
          {database.reachable && (
            <Text size="sm" c="dimmed">
              {database.migrationsCurrent
                ? t('admin.system.migrationsCurrent')
                : t('admin.system.migrationsPending', { n: database.pendingMigrations ?? 0 })}
            </Text>
          )}
          {/* The driver's own words are English: shown to English readers, for diagnosis. */}
          {database.error && language === 'en' && (
            <Text size="sm" c="red">
              <bdi dir="ltr">{database.error}</bdi>
            </Text>
          )}
        </HealthCard>
        <HealthCard
          title={t('admin.system.engine')}
          ok={engine.alive}
          okLabel={t('admin.system.alive')}
          badLabel={t('admin.system.stalled')}
          testId="system-engine"
        >
          <Text size="sm">
            {engine.lastTickAgeMs === null
              ? t('admin.system.noTick')
              : t('admin.system.lastTick', { seconds: Math.round(engine.lastTickAgeMs / 100) / 10 })}
          </Text>
          <Text size="sm" c="dimmed">
            {engine.runningCampaigns === null
              ? t('admin.system.unknown')
              : t('admin.system.runningCampaigns', { n: engine.runningCampaigns })}
          </Text>
        </HealthCard>
        <Card
          withBorder
          component="section"
          aria-label={t('admin.system.accounts')}
          data-testid="system-accounts"
        >
          <Text fw={600} mb="xs">
            {t('admin.system.accounts')}
          </Text>
          {accounts ? (
            <Stack gap={2}>
              {ACCOUNT_STATUSES.map((status) => (
                <Group
                  key={status}
                  justify="space-between"
                  data-status={status}
                  data-value={accounts[status]}
                >
                  <Text size="sm">{t(`accountStatus.${status}`)}</Text>
                  <Text size="sm" fw={500}>
                    {formatNumber(accounts[status])}
                  </Text>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('admin.system.unknown')}
            </Text>
          )}
        </Card>
        <Card
          withBorder
          component="section"
          aria-label={t('admin.system.server')}
          data-testid="system-server"
        >
          <Text fw={600} mb="xs">
            {t('admin.system.server')}
          </Text>
          <Stack gap={2}>
            <Text size="sm">
              {t('admin.system.version', { version: localeDigits(server.version, language) })}
            </Text>
            <Text size="sm">
              {t('admin.system.uptime', { duration: formatUptime(t, server.uptimeSeconds) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('admin.system.since', { date: formatDate(server.startedAt) })}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder component="section" aria-label={t('admin.system.messages')}>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('admin.system.messages')}</Text>
          <Text size="sm" c="dimmed" data-testid="system-totals">
            {t('admin.system.totals', totals)}
          </Text>
        </Group>
        <Suspense fallback={<Skeleton h={220} />}>
          <MessagesChart hours={report.messagesPerHour} />
        </Suspense>
      </Card>
      <WorkersTable workers={report.workers} />
      <AccountOwnersTable workerIds={(report.workers ?? []).map((w) => w.id)} />
    </Stack>
  );
}
