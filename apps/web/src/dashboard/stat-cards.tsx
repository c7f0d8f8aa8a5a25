import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n-provider';
import type { DashboardSummary } from './use-dashboard';

const KINDS = ['sent', 'delivered', 'read', 'failed'] as const;
const COLOR = { sent: 'blue', delivered: 'teal', read: 'green', failed: 'red' } as const;

/** Sent, delivered, read and failed for one period ("today", "this month"). */
export function StatCards({ title, counts }: { title: string; counts: DashboardSummary['today'] }) {
  const { t, formatNumber } = useI18n();
  const headingId = `stats-${title.replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" mb="xs" id={headingId}>
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {KINDS.map((kind) => (
          <Paper key={kind} withBorder p="md" radius="md">
            <Text size="sm" c="dimmed">
              {t(`dashboard.${kind}`)}
            </Text>
            <Text fz={28} fw={700} c={COLOR[kind]} data-testid={`${title}-${kind}`}>
              {formatNumber(counts[kind])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
