import { Badge, Card, Table, Text } from '@mantine/core';
import { type I18n, useI18n } from '../i18n/i18n-provider';
import type { ClusterWorker } from './types';

/** The roles a worker row can have (`api` processes hold no accounts and write none). */
function roleLabel({ t }: I18n, role: string): string {
  if (role === 'all') return t('admin.system.worker.role.all');
  if (role === 'worker') return t('admin.system.worker.role.worker');
  return role;
}

/** The worker processes (DESIGN.md, "Scale-out"): in role `all` the one process itself. */
export function WorkersTable({ workers }: { workers: ClusterWorker[] | null }) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  return (
    <Card withBorder component="section" aria-labelledby="admin-workers-title" data-testid="system-workers">
      <Text fw={600} mb="xs" id="admin-workers-title">
        {t('admin.system.workers')}
      </Text>
      {workers === null ? (
        <Text size="sm" c="dimmed">
          {t('admin.system.unknown')}
        </Text>
      ) : workers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.system.workers.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-labelledby="admin-workers-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.system.worker.col.id')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.host')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.role')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.started')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.heartbeat')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.state')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.accounts')}</Table.Th>
                <Table.Th>{t('admin.system.worker.col.browsers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workers.map((w) => (
                <Table.Tr key={w.id} data-worker={w.id} data-alive={w.alive}>
                  <Table.Td>
                    {/* Ids and host names are Latin: kept left to right inside a Persian row. */}
                    <bdi dir="ltr">{w.id}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{w.host}</bdi>
                  </Table.Td>
                  <Table.Td>{roleLabel(i18n, w.role)}</Table.Td>
                  <Table.Td>{formatDate(w.startedAt)}</Table.Td>
                  <Table.Td>{formatDate(w.lastHeartbeatAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={w.alive ? 'teal' : 'red'} variant="light">
                      {w.alive ? t('admin.system.worker.alive') : t('admin.system.worker.silent')}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-testid="worker-held">
                    {t('admin.system.worker.held', { n: w.accountsHeld, max: w.maxAccounts })}
                  </Table.Td>
                  <Table.Td data-testid="worker-browsers">{formatNumber(w.browsers)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
