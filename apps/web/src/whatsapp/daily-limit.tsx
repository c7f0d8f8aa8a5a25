import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { localeDigits, parseLocaleInteger } from '../i18n/digits';
import { useI18n } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type Account, trpc } from '../trpc/trpc';
import { effectiveDailyLimit, warmUpEndsAt } from './warm-up';

export const DAILY_LIMIT_MIN = 1;
export const DAILY_LIMIT_MAX = 5000;

/** The account's cap on sends in any 24 hours, and a small form to change it. */
export function DailyLimit({ account }: { account: Account }) {
  const { t, language } = useI18n();
  const utils = trpc.useUtils();
  // The text as typed (Persian digits welcome), or null while not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const update = trpc.whatsapp.update.useMutation({
    onSuccess: (updated) => {
      utils.whatsapp.list.setData(undefined, (list) => list?.map((a) => (a.id === updated.id ? updated : a)));
      setDraft(null);
    },
  });
  const warmingUp = warmUpEndsAt(account, new Date()) !== null;

  if (draft === null) {
    return (
      <Group gap="xs">
        <IconGauge size={16} aria-hidden />
        <Text size="sm" data-testid="daily-limit">
          {warmingUp
            ? t('accounts.dailyLimit.valueWarmUp', {
                limit: account.dailyLimit,
                today: effectiveDailyLimit(account.dailyLimit, true),
              })
            : t('accounts.dailyLimit.value', { limit: account.dailyLimit })}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t('accounts.dailyLimit.changeFor', { label: account.label })}
          onClick={() => {
            update.reset();
            setDraft(localeDigits(String(account.dailyLimit), language));
          }}
        >
          {t('accounts.dailyLimit.change')}
        </Button>
      </Group>
    );
  }

  const value = parseLocaleInteger(draft);
  const valid = value !== null && value >= DAILY_LIMIT_MIN && value <= DAILY_LIMIT_MAX;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && value !== null) update.mutate({ id: account.id, dailyLimit: value });
  };
  return (
    <form onSubmit={submit} aria-label={t('accounts.dailyLimit')}>
      <Stack gap="xs">
        <TextInput
          label={t('accounts.dailyLimit')}
          description={t('accounts.dailyLimit.hint')}
          inputMode="numeric"
          maw={320}
          value={draft}
          onChange={(e) => setDraft(localeDigits(e.currentTarget.value, language))}
          error={
            !valid && draft !== ''
              ? t('accounts.dailyLimit.range', { min: DAILY_LIMIT_MIN, max: DAILY_LIMIT_MAX })
              : undefined
          }
        />
        {update.error && (
          <Alert color="red">
            <bdi>{errorMessage(update.error, t('errors.offline'))}</bdi>
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={update.isPending} disabled={!valid}>
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setDraft(null)} disabled={update.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
