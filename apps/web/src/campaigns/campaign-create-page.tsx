import { CAMPAIGN_INTERVALS, type CampaignInterval } from '@chapar/api/domain';
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { userCountry } from '../auth/country';
import { useUser } from '../auth/user-context';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { describeError, notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { type ImportReport, trpc } from '../trpc/trpc';
import type { LiveAccount } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { CreatePreview } from './create-preview';
import { ImportFileFields } from './import-file-fields';
import { DEFAULT_PACING, PACING_FIELDS, type Pacing, PacingFields } from './pacing-fields';
import { RecipientsInput } from './recipients-input';
import { parseRecipients } from './recipients-parse';
import type { FileImport, ImportOutcome } from './recipients-report';
import { RecipientsSourceTabList } from './recipients-source-tabs';
import { TemplateHelp } from './template-help';
import { useAddRecipients } from './use-add-recipients';
import { useImportFile } from './use-import-file';

const FIELDS = ['title', 'message', 'interval', 'whatsappAccountId', ...PACING_FIELDS] as const;

type RecipientsSource = 'paste' | 'file';

function isInterval(value: string): value is CampaignInterval {
  return (CAMPAIGN_INTERVALS as readonly string[]).includes(value);
}

/** A linked account is the likely choice; otherwise the first one. */
function defaultAccountId(accounts: readonly LiveAccount[] | undefined): string {
  const account = accounts?.find((a) => a.status === 'READY') ?? accounts?.[0];
  return account ? String(account.id) : '';
}

/** What the campaign page shows on arrival: the import's report, or why it failed. */
export interface ArrivalState {
  importOutcome?: ImportOutcome | null;
  fileImport?: FileImport | null;
  importError?: string | null;
}

export function CampaignCreatePage() {
  const t = useT();
  const user = useUser();
  const country = userCountry(user);
  const navigate = useNavigate();
  const { accounts } = useLiveAccounts();
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [interval, setInterval] = useState<CampaignInterval>('TEN_SECONDS');
  const [pacing, setPacing] = useState<Pacing>(DEFAULT_PACING);
  const [chosenAccount, setChosenAccount] = useState<string | null>(null);
  const [source, setSource] = useState<RecipientsSource>('paste');
  const [recipients, setRecipients] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const accountId = chosenAccount ?? defaultAccountId(accounts);
  const rows = useMemo(() => parseRecipients(recipients), [recipients]);

  const create = trpc.campaigns.create.useMutation();
  const addRecipients = useAddRecipients();
  const importFile = useImportFile();
  const errors = formErrors(create.error, FIELDS, t('errors.offline'));
  const busy = create.isPending || addRecipients.pending || importFile.pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let campaign: { id: number };
    try {
      campaign = await create.mutateAsync({
        title: title.trim() || null,
        message,
        interval,
        whatsappAccountId: Number(accountId),
        ...pacing,
      });
    } catch {
      return; // shown beside the fields from create.error
    }
    const state: ArrivalState = {};
    if (source === 'file' && file) {
      try {
        const report: ImportReport = await importFile.importFile(campaign.id, file, sheet);
        state.fileImport = { report, fileName: file.name };
      } catch (error) {
        // The campaign exists: its page explains, and offers the import again.
        state.importError = describeError(t, error);
      }
    } else if (source === 'paste' && rows.length > 0) {
      try {
        state.importOutcome = await addRecipients.add(campaign.id, rows);
      } catch (error) {
        notifyError(t, error);
      }
    }
    navigate(`/campaigns/${campaign.id}`, { state });
  };

  const noAccounts = accounts !== undefined && accounts.length === 0;

  return (
    <Stack maw={960}>
      <Title order={1} size="h2" id="create-campaign-title">
        {t('create.title')}
      </Title>
      {noAccounts && (
        <Alert color="yellow">
          {t('create.noAccounts')}{' '}
          <Anchor component={Link} to="/whatsapp">
            {t('create.toAccounts')}
          </Anchor>
        </Alert>
      )}
      <Paper withBorder p="lg">
        <form onSubmit={submit} aria-labelledby="create-campaign-title" noValidate>
          <Stack>
            <FormErrorAlert message={errors.general} />
            <TextInput
              label={t('create.titleLabel')}
              description={t('create.titleHint')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fieldError(errors.fields.title)}
            />
            <Textarea
              label={t('create.message')}
              description={t('create.messageHint')}
              required
              autosize
              minRows={4}
              maxRows={12}
              dir="auto"
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={fieldError(errors.fields.message)}
            />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <TemplateHelp />
              <CreatePreview message={message} rows={rows} fromFile={source === 'file'} country={country} />
            </SimpleGrid>
            <Group grow align="flex-start">
              <NativeSelect
                label={t('create.interval')}
                description={t('create.intervalHint')}
                value={interval}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  if (isInterval(value)) setInterval(value);
                }}
                data={CAMPAIGN_INTERVALS.map((value) => ({ value, label: t(`interval.${value}`) }))}
                error={fieldError(errors.fields.interval)}
              />
              <NativeSelect
                label={t('create.account')}
                description={t('create.accountHint')}
                required
                value={accountId}
                onChange={(e) => setChosenAccount(e.currentTarget.value)}
                data={[
                  ...(accountId === '' ? [{ value: '', label: t('create.accountNone') }] : []),
                  ...(accounts ?? []).map((a) => ({
                    value: String(a.id),
                    label: `${a.label} (${t(`accountStatus.${a.status}`)})`,
                  })),
                ]}
                error={fieldError(errors.fields.whatsappAccountId)}
              />
            </Group>
            <PacingFields
              value={pacing}
              onChange={setPacing}
              errors={{
                batchSize: errors.fields.batchSize,
                batchPauseSeconds: errors.fields.batchPauseSeconds,
                typing: errors.fields.typing,
              }}
            />
            <Tabs
              value={source}
              onChange={(value) => setSource(value === 'file' ? 'file' : 'paste')}
              keepMounted={false}
            >
              <RecipientsSourceTabList mb="sm" label={t('create.recipientsSource')} />
              <Tabs.Panel value="paste">
                <RecipientsInput value={recipients} onChange={setRecipients} country={country} />
              </Tabs.Panel>
              <Tabs.Panel value="file">
                <ImportFileFields
                  file={file}
                  onFile={setFile}
                  sheet={sheet}
                  onSheet={setSheet}
                  disabled={busy}
                />
              </Tabs.Panel>
            </Tabs>
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/campaigns">
                {t('common.back')}
              </Button>
              <Button type="submit" loading={busy} disabled={accountId === ''}>
                {t('create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
