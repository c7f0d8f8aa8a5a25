import type { WhatsAppDriverName } from '@chapar/domain';
import { Paper, RingProgress, Stack, Text } from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';

/** WhatsApp replaces its pairing code about every 20 seconds; a new one arrives as a new `qr`. */
export const QR_LIFETIME_S = 20;

/** Seconds until a code shown at `shownAt` is replaced (never below 0). */
export function secondsLeft(shownAt: number, now: number, lifetime = QR_LIFETIME_S): number {
  return Math.max(0, Math.ceil(lifetime - (now - shownAt) / 1000));
}

/** The pairing code as a large QR image, with a countdown until WhatsApp refreshes it. */
export function AccountQr({ qr, driver }: { qr: string; driver: WhatsAppDriverName }) {
  const { t, formatNumber } = useI18n();
  const [shownAt, setShownAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // A new code restarts the countdown.
    void qr;
    setShownAt(Date.now());
    setNow(Date.now());
  }, [qr]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsLeft(shownAt, now);
  return (
    <Stack gap="xs" align="center">
      <Paper p="md" bg="white" withBorder>
        <QRCodeSVG value={qr} size={320} marginSize={2} role="img" aria-label={t('accounts.qr.alt')} />
      </Paper>
      <RingProgress
        size={64}
        thickness={6}
        roundCaps
        sections={[{ value: (left / QR_LIFETIME_S) * 100, color: left > 5 ? 'teal' : 'orange' }]}
        label={
          <Text ta="center" size="sm" fw={700}>
            {formatNumber(left)}
          </Text>
        }
        aria-hidden
      />
      <Text size="sm" c="dimmed" ta="center" data-testid="qr-countdown">
        {left > 0 ? t('accounts.qr.refreshesIn', { seconds: left }) : t('accounts.qr.refreshing')}
      </Text>
      <Text size="sm" c="dimmed" ta="center" maw={360}>
        {driver === 'sandbox' ? t('accounts.qr.sandbox') : t('accounts.qr.help')}
      </Text>
    </Stack>
  );
}
