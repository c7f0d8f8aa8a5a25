import type { CountryCode } from '@chapar/domain';
import { Paper, Tabs, Title } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import type { ImportReport } from '../trpc/trpc';
import { AddRecipientsForm } from './add-recipients-form';
import { ImportFileForm } from './import-file-form';
import type { ImportOutcome } from './recipients-report';
import { RecipientsSourceTabList } from './recipients-source-tabs';

/** More recipients for an editable campaign: pasted, or from a CSV / TSV / Excel file. */
export function AddRecipientsSection(props: {
  campaignId: number;
  country: CountryCode;
  onAdded(outcome: ImportOutcome): void;
  onImported(report: ImportReport, fileName: string): void;
}) {
  const t = useT();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="add-recipients-title">
      <Title order={2} size="h4" id="add-recipients-title" mb="sm">
        {t('recipients.add.title')}
      </Title>
      <Tabs defaultValue="paste" keepMounted={false}>
        <RecipientsSourceTabList mb="md" />
        <Tabs.Panel value="paste">
          <AddRecipientsForm campaignId={props.campaignId} country={props.country} onAdded={props.onAdded} />
        </Tabs.Panel>
        <Tabs.Panel value="file">
          <ImportFileForm campaignId={props.campaignId} onImported={props.onImported} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
