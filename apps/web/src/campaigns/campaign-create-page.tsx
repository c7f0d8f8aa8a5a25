import { CAMPAIGN_INTERVALS, type CampaignInterval } from '@chapar/api/domain';
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { userCountry } from '../auth/country';
import { useUser } from '../auth/user-context';
import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import type { LiveAccount } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';
import { RecipientsInput } from './recipients-input';
import { parseRecipients } from './recipients-parse';
import { useAddRecipients } from './use-add-recipients';

const FIELDS = ['title', 'message', 'interval', 'whatsappAccountId'] as const;

function isInterval(value: string): value is CampaignInterval {
  return (CAMPAIGN_INTERVALS as readonly string[]).includes(value);
}

/** A linked account is the likely choice; otherwise the first one. */
function defaultAccountId(accounts: readonly LiveAccount[] | undefined): string {
  const account = accounts?.find((a) => a.status === 'READY') ?? accounts?.[0];
  return account ? String(account.id) : '';
}

export function CampaignCreatePage() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { accounts } = useLiveAccounts();
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [interval, setInterval] = useState<CampaignInterval>('TEN_SECONDS');
  const [chosenAccount, setChosenAccount] = useState<string | null>(null);
  const [recipients, setRecipients] = useState('');
  const accountId = chosenAccount ?? defaultAccountId(accounts);

  const create = trpc.campaigns.create.useMutation();
  const addRecipients = useAddRecipients();
  const errors = formErrors(create.error, FIELDS, t('errors.offline'));
  const busy = create.isPending || addRecipients.pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let campaign: { id: number };
    try {
      campaign = await create.mutateAsync({
        title: title.trim() || null,
        message,
        interval,
        whatsappAccountId: Number(accountId),
      });
    } catch {
      return; // shown beside the fields from create.error
    }
    const rows = parseRecipients(recipients);
    let importOutcome = null;
    if (rows.length > 0) {
      try {
        importOutcome = await addRecipients.add(campaign.id, rows);
      } catch (error) {
        notifyError(t, error);
      }
    }
    navigate(`/campaigns/${campaign.id}`, { state: { importOutcome } });
  };

  const noAccounts = accounts !== undefined && accounts.length === 0;

  return (
    <Stack maw={760}>
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
            {errors.general && (
              <Alert color="red">
                <bdi>{errors.general}</bdi>
              </Alert>
            )}
            <TextInput
              label={t('create.titleLabel')}
              description={t('create.titleHint')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.fields.title && <bdi>{errors.fields.title}</bdi>}
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
              error={errors.fields.message && <bdi>{errors.fields.message}</bdi>}
            />
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
                error={errors.fields.interval && <bdi>{errors.fields.interval}</bdi>}
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
                error={errors.fields.whatsappAccountId && <bdi>{errors.fields.whatsappAccountId}</bdi>}
              />
            </Group>
            <RecipientsInput value={recipients} onChange={setRecipients} country={userCountry(user)} />
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
