import { useI18n } from '../i18n/i18n-provider';
import { type RouterOutputs, trpc } from '../trpc/trpc';

export type DashboardSummary = RouterOutputs['dashboard']['summary'];
export type DayCounts = DashboardSummary['days'][number];

/** The browser's time zone decides what "today" is; Persian readers count months by the Persian calendar. */
export function useDashboard() {
  const { language } = useI18n();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return trpc.dashboard.summary.useQuery(
    { timeZone, calendar: language === 'fa' ? 'persian' : 'gregory', days: 30 },
    { refetchInterval: 60_000 },
  );
}
