import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useT } from '../i18n/i18n-provider';

/** Where the server streams a campaign's recipients (the session cookie authenticates). */
export function exportUrl(campaignId: number, format: 'csv' | 'xlsx'): string {
  return `/api/campaigns/${campaignId}/recipients.${format}`;
}

/** Plain download links: the browser saves the file, no script in between. */
export function ExportButtons({ campaignId }: { campaignId: number }) {
  const t = useT();
  return (
    <Group gap="xs" role="group" aria-label={t('export.label')}>
      <Button
        component="a"
        href={exportUrl(campaignId, 'csv')}
        download={`campaign-${campaignId}-recipients.csv`}
        size="xs"
        variant="default"
        leftSection={<IconFileTypeCsv size={14} aria-hidden />}
      >
        {t('export.csv')}
      </Button>
      <Button
        component="a"
        href={exportUrl(campaignId, 'xlsx')}
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
