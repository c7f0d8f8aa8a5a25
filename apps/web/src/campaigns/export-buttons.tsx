import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-provider';
import type { Language } from '../i18n/language';

/**
 * Where the server streams a campaign's recipients (the session cookie authenticates), in
 * the language the reader sees and on this browser's clock.
 */
export function exportUrl(
  campaignId: number,
  format: 'csv' | 'xlsx',
  language: Language,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
): string {
  const query = new URLSearchParams({ lang: language, tz: timeZone });
  return `/api/campaigns/${campaignId}/recipients.${format}?${query}`;
}

/** Plain download links: the browser saves the file, no script in between. */
export function ExportButtons({ campaignId }: { campaignId: number }) {
  const { t, language } = useI18n();
  return (
    <Group gap="xs" role="group" aria-label={t('export.label')}>
      <Button
        component="a"
        href={exportUrl(campaignId, 'csv', language)}
        download={`campaign-${campaignId}-recipients.csv`}
        size="xs"
        variant="default"
        leftSection={<IconFileTypeCsv size={14} aria-hidden />}
      >
        {t('export.csv')}
      </Button>
      <Button
        component="a"
        href={exportUrl(campaignId, 'xlsx', language)}
        download={`campaign-${campaignId}-recipients.xlsx`}
        size="xs"
        variant="default"
        leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
      >
        {t('export.xlsx')}
      </Button>
    </Group>
  );
}
