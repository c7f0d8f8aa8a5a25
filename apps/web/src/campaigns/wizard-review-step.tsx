import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCalendarTime, IconPlayerPlay } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { localToday } from '../components/date-picker/calendar-days';
import { DateTimeField } from '../components/date-picker/date-time-field';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { type Campaign, trpc } from '../trpc/trpc';
import { labelWithStatus } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { plannedDurationMs } from './campaign-pace';
import { campaignTitle } from './campaign-title';
import { formatDuration } from './format-duration';
import { MessagePanel } from './message-panel';
import { checkSchedule, suggestedSchedule } from './wizard-schedule';

/** Step 4: everything at a glance, then start now or at a chosen time. */
export function WizardReviewStep({ campaign, onBack }: { campaign: Campaign; onBack(): void }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const { accounts } = useLiveAccounts();
  const account = accounts?.find((a) => a.id === campaign.whatsappAccountId);
  const [previewId, setPreviewId] = useState<number | null>(null);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [scheduleAt, setScheduleAt] = useState(() => suggestedSchedule(new Date()));
  const [scheduleError, setScheduleError] = useState<string | null>(null);
  const start = trpc.campaigns.start.useMutation();
  const errors = formErrors(start.error, ['scheduledAt'], t('errors.offline'));
  const duration = plannedDurationMs(campaign, campaign.totalRecipients);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let scheduledAt: Date | undefined;
    if (when === 'later') {
      const check = checkSchedule(scheduleAt, new Date());
      if (!check.ok) {
        setScheduleError(t(check.reason));
        return;
      }
      scheduledAt = check.at;
    }
    try {
      const started = await start.mutateAsync({ id: campaign.id, ...(scheduledAt ? { scheduledAt } : {}) });
      utils.campaigns.get.setData({ id: campaign.id }, started);
      void utils.campaigns.list.invalidate();
      navigate(`/campaigns/${campaign.id}`);
    } catch {
      // shown beside the choice
    }
  };

  const facts: Array<[string, string]> = [
    [t('create.titleLabel'), campaignTitle(campaign, i18n)],
    [t('wizard.review.recipients'), formatNumber(campaign.totalRecipients)],
    [
      t('campaign.account'),
      account ? labelWithStatus(account.label, t(`accountStatus.${account.status}`)) : '—',
    ],
    [t('campaign.interval'), t(`interval.${campaign.interval}`)],
    [
      t('campaign.batches'),
      campaign.batchSize > 0
        ? t('campaign.batchesEvery', { size: campaign.batchSize, seconds: campaign.batchPauseSeconds })
        : t('campaign.batchesNever'),
    ],
    [t('wizard.review.duration'), formatDuration(duration, i18n)],
  ];

  return (
    <Stack pt="md">
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <MessagePanel campaign={campaign} recipientId={previewId} onRecipientChange={setPreviewId} />
        <Paper withBorder p="md" component="section" aria-label={t('wizard.review.summary')}>
          <Stack gap={6} component="dl" m={0}>
            {facts.map(([label, value]) => (
              <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
                <Text component="dt" size="sm" c="dimmed" w={160} style={{ flex: 'none' }}>
                  {label}
                </Text>
                <Text component="dd" size="sm" m={0}>
                  <bdi>{value}</bdi>
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      </SimpleGrid>
      {account && account.status !== 'READY' && (
        <Alert color="yellow">{t('wizard.sending.notLinked', { account: account.label })}</Alert>
      )}
      <form onSubmit={submit} aria-label={t('wizard.review.when')} noValidate>
        <Stack>
          <Radio.Group
            label={t('wizard.review.when')}
            value={when}
            onChange={(value) => {
              setScheduleError(null);
              setWhen(value === 'later' ? 'later' : 'now');
            }}
          >
            <Group mt="xs">
              <Radio value="now" label={t('wizard.review.now')} />
              <Radio value="later" label={t('wizard.review.later')} />
            </Group>
          </Radio.Group>
          {when === 'later' && (
            <DateTimeField
              label={t('wizard.review.at')}
              description={t('wizard.review.atHint')}
              value={scheduleAt}
              min={localToday()}
              onChange={(value) => {
                setScheduleError(null);
                setScheduleAt(value);
              }}
              error={fieldError(scheduleError ?? errors.fields.scheduledAt)}
            />
          )}
          <FormErrorAlert message={errors.general} />
          <Group justify="space-between">
            <Button variant="default" onClick={onBack}>
              {t('common.back')}
            </Button>
            <Group>
              <Button variant="subtle" component={Link} to={`/campaigns/${campaign.id}`}>
                {t('wizard.review.saveDraft')}
              </Button>
              <Button
                type="submit"
                color="teal"
                loading={start.isPending}
                leftSection={
                  when === 'now' ? (
                    <IconPlayerPlay size={16} aria-hidden />
                  ) : (
                    <IconCalendarTime size={16} aria-hidden />
                  )
                }
              >
                {when === 'now' ? t('wizard.review.start') : t('wizard.review.schedule')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
