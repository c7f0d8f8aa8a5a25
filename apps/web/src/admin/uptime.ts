import type { Translate } from '../i18n/translate';

/** "3 d 4 h", "2 h 5 min" or "7 min": as precise as a glance at uptime needs. */
export function formatUptime(t: Translate, seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  if (d > 0) return t('admin.system.duration.days', { d, h });
  if (h > 0) return t('admin.system.duration.hours', { h, m });
  return t('admin.system.duration.minutes', { m });
}
