import type { CampaignInterval } from '@chapar/domain';
import { Alert, Anchor, Paper, Stack, Stepper, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { LiveAccount } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { DEFAULT_PACING, type Pacing } from './pacing-fields';
import type { RecipientRow } from './recipients-parse';
import { WizardContentStep } from './wizard-content-step';
import { WizardRecipientsStep } from './wizard-recipients-step';
import { WizardReviewStep } from './wizard-review-step';
import { WizardSendingStep } from './wizard-sending-step';

/** A linked account is the likely choice; otherwise the first one. */
export function defaultAccountId(accounts: readonly LiveAccount[] | undefined): string {
  const account = accounts?.find((a) => a.status === 'READY') ?? accounts?.[0];
  return account ? String(account.id) : '';
}

/** Everything the wizard collects before the campaign exists (and edits after). */
export interface WizardDraft {
  title: string;
  message: string;
  interval: CampaignInterval;
  pacing: Pacing;
  /** The chosen account's id as the select holds it; '' before there is one. */
  accountId: string | null;
}

export const STEPS = ['content', 'recipients', 'sending', 'review'] as const;

/**
 * The campaign wizard: content with a live preview → recipients (pasted or imported, with
 * the report) → account and pacing → review, then start now or schedule. The campaign is
 * created as a draft when the first recipients are added, so an import's report comes from
 * the server; leaving earlier creates nothing.
 */
export function CampaignWizard() {
  const { t, formatNumber } = useI18n();
  // Mantine numbers the steps in Latin digits; these are the reader's.
  const number = (step: number) => ({ icon: formatNumber(step), progressIcon: formatNumber(step) });
  const { accounts } = useLiveAccounts();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<WizardDraft>({
    title: '',
    message: '',
    interval: 'TEN_SECONDS',
    pacing: DEFAULT_PACING,
    accountId: null,
  });
  const [campaignId, setCampaignId] = useState<number | null>(null);
  /** The last pasted rows, so the content step's preview can show a real recipient. */
  const [previewRows, setPreviewRows] = useState<readonly RecipientRow[]>([]);
  const campaign = trpc.campaigns.get.useQuery({ id: campaignId ?? 0 }, { enabled: campaignId !== null });
  const accountId = draft.accountId ?? defaultAccountId(accounts);
  const change = (patch: Partial<WizardDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const noAccounts = accounts !== undefined && accounts.length === 0;

  return (
    <Stack maw={1100}>
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
        <Stepper
          active={step}
          onStepClick={setStep}
          allowNextStepsSelect={false}
          size="sm"
          aria-label={t('wizard.steps')}
        >
          <Stepper.Step
            {...number(1)}
            label={t('wizard.step.content')}
            description={t('wizard.step.contentHint')}
          >
            <WizardContentStep
              draft={draft}
              onChange={change}
              campaignId={campaignId}
              previewRows={previewRows}
              onDone={() => setStep(1)}
            />
          </Stepper.Step>
          <Stepper.Step
            {...number(2)}
            label={t('wizard.step.recipients')}
            description={t('wizard.step.recipientsHint')}
          >
            <WizardRecipientsStep
              draft={{ ...draft, accountId }}
              campaignId={campaignId}
              totalRecipients={campaign.data?.totalRecipients ?? 0}
              onCreated={setCampaignId}
              onPasted={setPreviewRows}
              onBack={() => setStep(0)}
              onDone={() => setStep(2)}
            />
          </Stepper.Step>
          <Stepper.Step
            {...number(3)}
            label={t('wizard.step.sending')}
            description={t('wizard.step.sendingHint')}
          >
            {campaignId !== null && (
              <WizardSendingStep
                draft={{ ...draft, accountId }}
                onChange={change}
                campaignId={campaignId}
                totalRecipients={campaign.data?.totalRecipients ?? 0}
                onBack={() => setStep(1)}
                onDone={() => setStep(3)}
              />
            )}
          </Stepper.Step>
          <Stepper.Step
            {...number(4)}
            label={t('wizard.step.review')}
            description={t('wizard.step.reviewHint')}
          >
            {campaign.data && <WizardReviewStep campaign={campaign.data} onBack={() => setStep(2)} />}
          </Stepper.Step>
        </Stepper>
      </Paper>
    </Stack>
  );
}
