import { Alert, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { userCountry } from '../auth/country';
import { useUser } from '../auth/user-context';
import { FormErrorAlert } from '../components/form-errors';
import { describeError } from '../components/notify';
import { useI18n } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import type { WizardDraft } from './campaign-wizard';
import type { ColumnMapping } from './import-file-columns';
import { ImportFileFields } from './import-file-fields';
import { ImportProgress } from './import-progress';
import { ImportReportAlert } from './import-report-alert';
import { RecipientsInput } from './recipients-input';
import { parseRecipients, type RecipientRow } from './recipients-parse';
import type { FileImport, ImportOutcome } from './recipients-report';
import { RecipientsReportAlert } from './recipients-report-alert';
import { RecipientsSourceTabList } from './recipients-source-tabs';
import { useAddRecipients } from './use-add-recipients';
import { useImportFile } from './use-import-file';

/**
 * Step 2: numbers pasted or a file imported, each addition answered by its report; Next
 * adds what is pasted or chosen and not added yet. The first addition creates the campaign
 * (a draft) with the content and the likely account, which the next step lets the user
 * change.
 */
export function WizardRecipientsStep({
  draft,
  campaignId,
  totalRecipients,
  onCreated,
  onPasted,
  onBack,
  onDone,
}: {
  draft: WizardDraft & { accountId: string };
  campaignId: number | null;
  totalRecipients: number;
  onCreated(id: number): void;
  onPasted(rows: readonly RecipientRow[]): void;
  onBack(): void;
  onDone(): void;
}) {
  const { t, formatNumber } = useI18n();
  const country = userCountry(useUser());
  const create = trpc.campaigns.create.useMutation();
  const addRecipients = useAddRecipients();
  const importFile = useImportFile();
  const [source, setSource] = useState<'paste' | 'file'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [fileImport, setFileImport] = useState<FileImport | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const busy = create.isPending || addRecipients.pending || importFile.pending;
  const noAccount = draft.accountId === '';

  async function ensureCampaign(): Promise<number | null> {
    if (campaignId !== null) return campaignId;
    try {
      const campaign = await create.mutateAsync({
        title: draft.title.trim() || null,
        message: draft.message,
        interval: draft.interval,
        whatsappAccountId: Number(draft.accountId),
        ...draft.pacing,
      });
      onCreated(campaign.id);
      return campaign.id;
    } catch {
      return null; // told above the buttons
    }
  }

  /**
   * Adds what is pasted or chosen. True when every row went in, so Next may go on at once;
   * otherwise the report (or the error) stays on this step to be read.
   */
  async function add(): Promise<boolean> {
    setInputError(null);
    if (source === 'paste') {
      const rows = parseRecipients(text);
      if (rows.length === 0) {
        setInputError(t('wizard.recipients.nonePasted'));
        return false;
      }
      const id = await ensureCampaign();
      if (id === null) return false;
      try {
        const added = await addRecipients.add(id, rows);
        setOutcome(added);
        setFileImport(null);
        onPasted(rows);
        setText('');
        return added.added > 0 && added.rejected.length === 0;
      } catch (error) {
        setInputError(describeError(t, error));
        return false;
      }
    }
    if (!file) {
      setInputError(t('wizard.recipients.noFile'));
      return false;
    }
    const id = await ensureCampaign();
    if (id === null) return false;
    try {
      const report = await importFile.importFile(id, file, sheet, mapping);
      setFileImport({ report, fileName: file.name });
      setOutcome(null);
      setFile(null);
      setMapping(null);
      return report.added > 0 && report.rejectedTotal === 0;
    } catch (error) {
      setInputError(describeError(t, error));
      return false;
    }
  }

  /** Numbers pasted or a file chosen but not yet added: Next adds them first. */
  const unsentInput = source === 'paste' ? text.trim() !== '' : file !== null;
  async function next() {
    if (unsentInput && !(await add())) return;
    onDone();
  }

  return (
    <Stack pt="md">
      {noAccount && <Alert color="yellow">{t('create.noAccounts')}</Alert>}
      <FormErrorAlert message={create.error ? errorMessage(create.error, t('errors.offline')) : null} />
      <Tabs
        value={source}
        onChange={(value) => {
          setInputError(null);
          setSource(value === 'file' ? 'file' : 'paste');
        }}
        keepMounted={false}
      >
        <RecipientsSourceTabList mb="sm" label={t('create.recipientsSource')} />
        <Tabs.Panel value="paste">
          <RecipientsInput
            value={text}
            onChange={(value) => {
              setInputError(null);
              setText(value);
            }}
            country={country}
            error={inputError ?? undefined}
          />
        </Tabs.Panel>
        <Tabs.Panel value="file">
          <ImportFileFields
            file={file}
            onFile={(f) => {
              setInputError(null);
              setFile(f);
              setMapping(null);
            }}
            sheet={sheet}
            onSheet={(s) => {
              setSheet(s);
              setMapping(null);
            }}
            mapping={mapping}
            onMapping={setMapping}
            disabled={busy}
            error={inputError}
          />
          <ImportProgress progress={importFile.progress} />
        </Tabs.Panel>
      </Tabs>
      <Group>
        <Button
          variant="light"
          leftSection={<IconUserPlus size={16} aria-hidden />}
          loading={busy}
          disabled={noAccount}
          onClick={() => void add()}
        >
          {source === 'paste' ? t('recipients.add.submit') : t('wizard.recipients.import')}
        </Button>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="wizard-recipient-count">
          {t('wizard.recipients.count', { count: formatNumber(totalRecipients) })}
        </Text>
      </Group>
      {outcome && <RecipientsReportAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {fileImport && (
        <ImportReportAlert
          report={fileImport.report}
          fileName={fileImport.fileName}
          onClose={() => setFileImport(null)}
        />
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button
          onClick={() => void next()}
          disabled={busy || (unsentInput ? noAccount : totalRecipients === 0)}
        >
          {t('wizard.next')}
        </Button>
      </Group>
    </Stack>
  );
}
