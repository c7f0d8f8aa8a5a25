import type { I18n } from '../i18n/i18n-provider';

/**
 * A duration as a person says it, to the precision that matters: "45 s", "12 min",
 * "3 h 20 min", "2 d 4 h", in the page's language and digits.
 */
export function formatDuration(ms: number, { t }: Pick<I18n, 't'>): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('campaigns.duration.seconds', { s: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('campaigns.duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('campaigns.duration.hours', { h: hours, m: minutes % 60 });
  return t('campaigns.duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}
