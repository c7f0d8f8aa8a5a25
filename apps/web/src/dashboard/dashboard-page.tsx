import { Grid, Paper, Stack, Title } from '@mantine/core';
import { IconBrandWhatsapp, IconSend } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { EmptyState } from '../components/empty-state';
import { PageSkeleton, SectionSkeleton } from '../components/page-skeleton';
import { QueryState } from '../components/query-state';
import { useT } from '../i18n/i18n-provider';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { RunningCampaigns } from './running-campaigns';
import { StatCards } from './stat-cards';
import { SubscriptionCard } from './subscription-card';
import { useDashboard } from './use-dashboard';

// recharts is the biggest library we use: it loads only with the chart.
const MessagesChart = lazy(() => import('./messages-chart'));

export function DashboardPage() {
  const t = useT();
  const summary = useDashboard();
  const { accounts } = useLiveAccounts();

  if (!summary.data) {
    return summary.error ? (
      <QueryState error={summary.error} onRetry={() => void summary.refetch()} />
    ) : (
      <PageSkeleton />
    );
  }
  const data = summary.data;
  const nothingSent = data.days.every((d) => d.sent + d.failed === 0) && data.running.length === 0;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('dashboard.title')}
      </Title>
      {nothingSent && accounts?.length === 0 && (
        <EmptyState
          icon={<IconBrandWhatsapp size={30} />}
          title={t('dashboard.empty.noAccount.title')}
          body={t('dashboard.empty.noAccount.body')}
          action={{ label: t('dashboard.empty.noAccount.action'), to: '/whatsapp' }}
        />
      )}
      {nothingSent && accounts && accounts.length > 0 && (
        <EmptyState
          icon={<IconSend size={30} />}
          title={t('dashboard.empty.noCampaign.title')}
          body={t('dashboard.empty.noCampaign.body')}
          action={{ label: t('dashboard.empty.noCampaign.action'), to: '/campaigns/new' }}
        />
      )}
      <StatCards title={t('dashboard.today')} counts={data.today} />
      <StatCards title={t('dashboard.month')} counts={data.month} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="per-day-title">
            <Title order={2} size="h4" mb="sm" id="per-day-title">
              {t('dashboard.perDay')}
            </Title>
            <Suspense fallback={<SectionSkeleton lines={6} />}>
              <MessagesChart days={data.days} />
            </Suspense>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <SubscriptionCard subscription={data.subscription} />
            <RunningCampaigns campaigns={data.running} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
