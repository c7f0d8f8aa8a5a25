import { AreaChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Table, VisuallyHidden } from '@mantine/core';
import { timeChartAxes } from '../components/chart-axes';
import { useI18n } from '../i18n/i18n-provider';
import type { DayCounts } from './use-dashboard';

/**
 * Messages per day. Loaded on its own (recharts is large), only when the dashboard opens.
 * In Persian time runs right to left, as the text does. Screen readers get the same
 * numbers as a table.
 */
export default function MessagesChart({ days }: { days: DayCounts[] }) {
  const { t, dir, formatNumber, formatShortDay, formatDay } = useI18n();
  const data = days.map((day) => ({ ...day, label: formatShortDay(day.date) }));
  return (
    <>
      {/* SVG text anchors follow the document direction; the axes are placed by hand instead. */}
      <div aria-hidden dir="ltr">
        <AreaChart
          h={280}
          data={data}
          dataKey="label"
          curveType="monotone"
          withDots={false}
          areaProps={{ isAnimationActive: false }}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          valueFormatter={formatNumber}
          {...timeChartAxes(dir, formatNumber)}
          series={[
            { name: 'sent', label: t('dashboard.sent'), color: 'blue.6' },
            { name: 'delivered', label: t('dashboard.delivered'), color: 'teal.6' },
            { name: 'read', label: t('dashboard.read'), color: 'green.6' },
            { name: 'failed', label: t('dashboard.failed'), color: 'red.6' },
          ]}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <caption>{t('dashboard.perDay')}</caption>
          <thead>
            <tr>
              <th>{t('dashboard.day')}</th>
              <th>{t('dashboard.sent')}</th>
              <th>{t('dashboard.delivered')}</th>
              <th>{t('dashboard.read')}</th>
              <th>{t('dashboard.failed')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{formatDay(day.date)}</td>
                <td>{formatNumber(day.sent)}</td>
                <td>{formatNumber(day.delivered)}</td>
                <td>{formatNumber(day.read)}</td>
                <td>{formatNumber(day.failed)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
