import { Badge, Tooltip } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-provider';
import type { Account } from '../trpc/trpc';
import { effectiveDailyLimit, WARMUP_DAYS, warmUpEndsAt } from './warm-up';

/** "Warming up" on a WhatsApp Web number linked less than three days ago; nothing otherwise. */
export function WarmUpBadge({
  account,
  now = new Date(),
}: {
  account: Pick<Account, 'driver' | 'linkedAt' | 'dailyLimit'>;
  now?: Date;
}) {
  const { t, formatDate } = useI18n();
  const ends = warmUpEndsAt(account, now);
  if (!ends) return null;
  const explanation = t('accounts.warmUp.hint', {
    days: WARMUP_DAYS,
    limit: effectiveDailyLimit(account.dailyLimit, true),
    until: formatDate(ends.toISOString()),
  });
  return (
    <Tooltip label={explanation} multiline w={280} withArrow>
      <Badge
        color="orange"
        variant="light"
        size="sm"
        leftSection={<IconFlame size={12} aria-hidden />}
        data-testid="warm-up"
        tabIndex={0}
        aria-label={`${t('accounts.warmUp')}: ${explanation}`}
      >
        {t('accounts.warmUp')}
      </Badge>
    </Tooltip>
  );
}
