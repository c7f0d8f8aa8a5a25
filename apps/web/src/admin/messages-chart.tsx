import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useI18n } from '../i18n/i18n-provider';
import type { SystemReport } from './types';

/** Sends per hour over the last day; its own chunk, so charts load only with the system page. */
export default function MessagesChart({ hours }: { hours: SystemReport['messagesPerHour'] }) {
  const { t, locale, formatNumber } = useI18n();
  const hourOf = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const data = hours.map((h) => ({ hour: hourOf.format(new Date(h.hour)), sent: h.sent, failed: h.failed }));
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="hour"
      type="stacked"
      valueFormatter={formatNumber}
      series={[
        { name: 'sent', label: t('admin.system.sent'), color: 'teal.6' },
        { name: 'failed', label: t('admin.system.failed'), color: 'red.6' },
      ]}
      withLegend
      aria-label={t('admin.system.messages')}
    />
  );
}
