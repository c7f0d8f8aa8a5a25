import { CAMPAIGN_INTERVALS, type CampaignInterval } from '@chapar/domain';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { type FormEvent, useMemo } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { labelWithStatus } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { plannedDurationMs } from './campaign-pace';
import type { WizardDraft } from './campaign-wizard';
import { formatDuration } from './format-duration';
import { PACING_FIELDS, PacingFields } from './pacing-fields';

const FIELDS = ['interval', 'whatsappAccountId', ...PACING_FIELDS] as const;

function isInterval(value: string): value is CampaignInterval {
  return (CAMPAIGN_INTERVALS as readonly string[]).includes(value);
}

/** Step 3: the number to send from and how fast, with how long that takes. */
export function WizardSendingStep({
  draft,
  onChange,
  campaignId,
  totalRecipients,
  onBack,
  onDone,
}: {
  draft: WizardDraft & { accountId: string };
  onChange(patch: Partial<WizardDraft>): void;
  campaignId: number;
  totalRecipients: number;
  onBack(): void;
  onDone(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { accounts } = useLiveAccounts();
  const utils = trpc.useUtils();
  const update = trpc.campaigns.update.useMutation();
  const errors = formErrors(update.error, FIELDS, t('errors.offline'));
  const account = accounts?.find((a) => String(a.id) === draft.accountId);
  const duration = useMemo(
    () => plannedDurationMs({ interval: draft.interval, ...draft.pacing }, totalRecipients),
    [draft.interval, draft.pacing, totalRecipients],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const campaign = await update.mutateAsync({
        id: campaignId,
        whatsappAccountId: Number(draft.accountId),
        interval: draft.interval,
        ...draft.pacing,
      });
      utils.campaigns.get.setData({ id: campaignId }, campaign);
      onDone();
    } catch {
      // shown beside the fields
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('wizard.step.sending')} noValidate>
      <Stack pt="md">
        <FormErrorAlert message={errors.general} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NativeSelect
            label={t('create.account')}
            description={t('create.accountHint')}
            required
            value={draft.accountId}
            onChange={(e) => onChange({ accountId: e.currentTarget.value })}
            data={(accounts ?? []).map((a) => ({
              value: String(a.id),
              label: labelWithStatus(a.label, t(`accountStatus.${a.status}`)),
            }))}
            error={fieldError(errors.fields.whatsappAccountId)}
          />
          <NativeSelect
            label={t('create.interval')}
            description={t('create.intervalHint')}
            value={draft.interval}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isInterval(value)) onChange({ interval: value });
            }}
            data={CAMPAIGN_INTERVALS.map((value) => ({ value, label: t(`interval.${value}`) }))}
            error={fieldError(errors.fields.interval)}
          />
        </SimpleGrid>
        {account && account.status !== 'READY' && (
          <Alert color="yellow">{t('wizard.sending.notLinked', { account: account.label })}</Alert>
        )}
        <PacingFields
          value={draft.pacing}
          onChange={(pacing) => onChange({ pacing })}
          errors={{
            batchSize: errors.fields.batchSize,
            batchPauseSeconds: errors.fields.batchPauseSeconds,
            typing: errors.fields.typing,
          }}
        />
        <Text size="sm" data-testid="wizard-duration">
          {t('wizard.sending.duration', {
            count: totalRecipients,
            duration: formatDuration(duration, i18n),
          })}
        </Text>
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={draft.accountId === ''}>
            {t('wizard.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
