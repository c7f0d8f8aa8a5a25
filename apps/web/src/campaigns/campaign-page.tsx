import { EDITABLE_STATUSES } from '@chapar/domain';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { userCountry } from '../auth/country';
import { useUser } from '../auth/user-context';
import { NotFoundPage } from '../components/not-found-page';
import { notifyError, notifySuccess } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n, useT } from '../i18n/i18n-provider';
import { errorCode } from '../trpc/errors';
import { type Campaign, type ImportReport, trpc } from '../trpc/trpc';
import { labelWithStatus } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { AddRecipientsSection } from './add-recipients-section';
import { CampaignActionButtons } from './campaign-action-buttons';
import { CampaignCounters } from './campaign-counters';
import { CampaignMediaSection } from './campaign-media';
import { campaignTitle } from './campaign-title';
import { DeleteDraftButton } from './delete-draft-button';
import { ExportButtons } from './export-buttons';
import { ImportReportAlert } from './import-report-alert';
import { MessagePanel } from './message-panel';
import {
  type FileImport,
  fileImportFromState,
  type ImportOutcome,
  importErrorFromState,
  outcomeFromState,
} from './recipients-report';
import { RecipientsReportAlert } from './recipients-report-alert';
import { RecipientsTable } from './recipients-table';
import { pauseReasonKey } from './server-texts';
import { CampaignStatusBadge } from './status-badges';
import { useCampaignActions } from './use-campaign-actions';
import { useCampaignLive } from './use-campaign-live';
import { usePace } from './use-pace';

/**
 * A campaign's page, `/campaigns/:id` (live counters, message, recipients table). routes.tsx
 * loads this file lazily when a campaign is first opened: that is its one code-split point.
 */
export function CampaignPage() {
  const id = Number(useParams().id);
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  // A new id is a new page: no state (e.g. an import report) carries over.
  return <CampaignById key={id} id={id} />;
}

/** Fetches the campaign and follows it live; the page shows once it has arrived. */
function CampaignById({ id }: { id: number }) {
  const t = useT();
  const query = trpc.campaigns.get.useQuery({ id });
  useCampaignLive(id);

  const campaign = query.data;
  if (!campaign) {
    if (errorCode(query.error) === 'NOT_FOUND') return <NotFoundPage message={t('campaign.notFound')} />;
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <CampaignContent campaign={campaign} />;
}

function CampaignContent({ campaign }: { campaign: Campaign }) {
  const i18n = useI18n();
  const { t, dir } = i18n;
  const id = campaign.id;
  const actions = useCampaignActions(id);
  const pace = usePace(campaign);
  const location = useLocation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<ImportOutcome | null>(() => outcomeFromState(location.state));
  const [fileImport, setFileImport] = useState<FileImport | null>(() => fileImportFromState(location.state));
  const [previewId, setPreviewId] = useState<number | null>(null);
  const [importError, setImportError] = useState<string | null>(() => importErrorFromState(location.state));

  const forgetArrivalState = () => {
    // So a reload does not show the report again.
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  };
  const closeOutcome = () => {
    setOutcome(null);
    forgetArrivalState();
  };
  const closeImportError = () => {
    setImportError(null);
    forgetArrivalState();
  };
  const closeFileImport = () => {
    setFileImport(null);
    forgetArrivalState();
  };
  const previewRecipient = (recipientId: number) => {
    setPreviewId(recipientId);
    document.getElementById('message-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const BackIcon = dir === 'rtl' ? IconArrowRight : IconArrowLeft;

  return (
    <Stack>
      <Anchor
        component={Link}
        to="/campaigns"
        size="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, alignSelf: 'flex-start' }}
      >
        <BackIcon size={14} aria-hidden />
        {t('campaign.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1} size="h2">
            {campaignTitle(campaign, i18n)}
          </Title>
          <CampaignStatusBadge status={campaign.status} size="lg" data-testid="campaign-status" />
        </Group>
        <Group gap="xs">
          <CampaignActionButtons
            status={campaign.status}
            pending={actions.pending}
            onAction={(action) => actions.run(action)}
          />
          <DuplicateButton campaign={campaign} />
          <DeleteDraftButton campaign={campaign} onDeleted={() => navigate('/campaigns')} />
        </Group>
      </Group>
      {outcome && <RecipientsReportAlert outcome={outcome} onClose={closeOutcome} />}
      {importError && (
        <Alert
          color="red"
          title={t('import.failedAfterCreate')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={closeImportError}
          role="alert"
        >
          <bdi>{importError}</bdi>
        </Alert>
      )}
      {fileImport && (
        <ImportReportAlert
          report={fileImport.report}
          fileName={fileImport.fileName}
          onClose={closeFileImport}
        />
      )}
      <StatusNote campaign={campaign} />
      <CampaignCounters campaign={campaign} pace={pace} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <MessagePanel campaign={campaign} recipientId={previewId} onRecipientChange={setPreviewId} />
        <Stack>
          <CampaignDetails campaign={campaign} />
          <CampaignMediaSection campaign={campaign} />
        </Stack>
      </SimpleGrid>
      {EDITABLE_STATUSES.includes(campaign.status) && (
        <EditableRecipients
          campaignId={id}
          onAdded={(o) => {
            setFileImport(null);
            setImportError(null);
            setOutcome(o);
          }}
          onImported={(report, fileName) => {
            setOutcome(null);
            setImportError(null);
            setFileImport({ report, fileName });
          }}
        />
      )}
      <RecipientsTable
        campaignId={id}
        counters={campaign}
        actions={campaign.totalRecipients > 0 && <ExportButtons campaignId={id} />}
        onPreview={previewRecipient}
        previewedId={previewId}
      />
    </Stack>
  );
}

/** Why the campaign waits: paused with a reason, or not ready yet. */
function StatusNote({ campaign }: { campaign: Campaign }) {
  const { t, formatDate } = useI18n();
  if (campaign.status === 'PAUSED') {
    return (
      <Alert color="yellow" title={t('campaign.pausedTitle')}>
        <bdi>{pausedText(campaign, t)}</bdi>
      </Alert>
    );
  }
  if (campaign.status === 'DRAFT') return <Alert color="blue">{t('campaign.draftHint')}</Alert>;
  if (campaign.status === 'SCHEDULED' && campaign.scheduledAt) {
    return (
      <Alert color="indigo">{t('campaign.scheduledFor', { at: formatDate(campaign.scheduledAt) })}</Alert>
    );
  }
  return null;
}

function CampaignDetails({ campaign }: { campaign: Campaign }) {
  const { t, formatDate } = useI18n();
  const { accounts } = useLiveAccounts();
  const account = accounts?.find((a) => a.id === campaign.whatsappAccountId);
  const facts: Array<[string, string]> = [
    [t('campaign.interval'), t(`interval.${campaign.interval}`)],
    [
      t('campaign.account'),
      account ? labelWithStatus(account.label, t(`accountStatus.${account.status}`)) : '—',
    ],
    [t('campaign.created'), formatDate(campaign.createdAt)],
    [t('campaign.started'), campaign.startedAt ? formatDate(campaign.startedAt) : '—'],
    [t('campaign.completed'), campaign.completedAt ? formatDate(campaign.completedAt) : '—'],
    [
      t('campaign.batches'),
      campaign.batchSize > 0
        ? t('campaign.batchesEvery', { size: campaign.batchSize, seconds: campaign.batchPauseSeconds })
        : t('campaign.batchesNever'),
    ],
    [t('campaign.typing'), campaign.typing ? t('common.yes') : t('common.no')],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-label={t('campaign.details')}>
      <Stack gap={6} component="dl" m={0}>
        {facts.map(([label, value]) => (
          <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
            <Text component="dt" size="sm" c="dimmed" w={140} style={{ flex: 'none' }}>
              {label}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function EditableRecipients(props: {
  campaignId: number;
  onAdded(o: ImportOutcome): void;
  onImported(report: ImportReport, fileName: string): void;
}) {
  const user = useUser();
  return <AddRecipientsSection {...props} country={userCountry(user)} />;
}

/** A new draft with the same content, account and recipients; opens it. */
function DuplicateButton({ campaign }: { campaign: Campaign }) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const duplicate = trpc.campaigns.duplicate.useMutation({
    onSuccess: (copy) => {
      void utils.campaigns.list.invalidate();
      notifySuccess(t('campaigns.duplicated'));
      navigate(`/campaigns/${copy.id}`);
    },
    onError: (error) => notifyError(t, error),
  });
  return (
    <Button
      variant="default"
      leftSection={<IconCopy size={16} aria-hidden />}
      loading={duplicate.isPending}
      onClick={() =>
        duplicate.mutate({
          id: campaign.id,
          title: t('campaigns.copyTitle', { title: campaignTitle(campaign, i18n) }).slice(0, 255),
        })
      }
    >
      {t('campaigns.duplicate')}
    </Button>
  );
}

/** Why it paused, in the page's language when the engine's own reason (see server-texts.ts). */
function pausedText(campaign: Campaign, t: ReturnType<typeof useT>): string {
  const key = pauseReasonKey(campaign.pauseCause, campaign.pausedReason);
  if (key) return t(key);
  return campaign.pausedReason ?? t('campaign.pausedNoReason');
}
