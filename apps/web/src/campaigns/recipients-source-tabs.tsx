import { type MantineSpacing, Tabs } from '@mantine/core';
import { IconClipboardText, IconFileSpreadsheet } from '@tabler/icons-react';
import { useT } from '../i18n/i18n-provider';

/** The "paste" / "file" tabs for where recipients come from; the panels are the caller's. */
export function RecipientsSourceTabList({ mb, label }: { mb: MantineSpacing; label?: string }) {
  const t = useT();
  return (
    <Tabs.List mb={mb} aria-label={label}>
      <Tabs.Tab value="paste" leftSection={<IconClipboardText size={16} aria-hidden />}>
        {t('recipients.add.paste')}
      </Tabs.Tab>
      <Tabs.Tab value="file" leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>
        {t('recipients.add.file')}
      </Tabs.Tab>
    </Tabs.List>
  );
}
