import type { I18n } from '../i18n/i18n-provider';

/** A campaign without a title is called by its number. */
export function campaignTitle(
  campaign: { id: number; title: string | null },
  { t, formatId }: Pick<I18n, 't' | 'formatId'>,
): string {
  return campaign.title?.trim() || t('campaigns.untitled', { id: formatId(campaign.id) });
}
