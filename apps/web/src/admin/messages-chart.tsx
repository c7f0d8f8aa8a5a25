import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { timeChartAxes } from '../components/chart-axes';
import { useI18n } from '../i18n/i18n-provider';
import type { SystemReport } from './types';

/**
 * Sends per hour over the last day; its own chunk, so charts load only with the system page.
 * Time runs as on the dashboard (right to left in Persian); hours in the reader's digits.
 */
export default function MessagesChart({ hours }: { hours: SystemReport['messagesPerHour'] }) {
  const { t, locale, dir, formatNumber } = useI18n();
  const hourOf = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const data = hours.map((h) => ({ hour: hourOf.format(new Date(h.hour)), sent: h.sent, failed: h.failed }));
  return (
    <div role="img" aria-label={t('admin.system.messages')} dir="ltr">
      <BarChart
        h={220}
        data={data}
        dataKey="hour"
        type="stacked"
        valueFormatter={formatNumber}
        {...timeChartAxes(dir, formatNumber)}
        series={[
          { name: 'sent', label: t('admin.system.sent'), color: 'teal.6' },
          { name: 'failed', label: t('admin.system.failed'), color: 'red.6' },
        ]}
        withLegend
      />
    </div>
  );
}
