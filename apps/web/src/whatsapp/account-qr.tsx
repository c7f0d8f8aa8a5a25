import type { WhatsAppDriverName } from '@chapar/api/domain';
import { Paper, Stack, Text } from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import { useT } from '../i18n/i18n-provider';

/** The pairing code as a real QR image; the sandbox's simulated code is shown the same way. */
export function AccountQr({ qr, driver }: { qr: string; driver: WhatsAppDriverName }) {
  const t = useT();
  return (
    <Stack gap="xs" align="center">
      <Paper p="sm" bg="white" withBorder>
        <QRCodeSVG value={qr} size={224} marginSize={2} role="img" aria-label={t('accounts.qr.alt')} />
      </Paper>
      <Text size="sm" c="dimmed" ta="center" maw={320}>
        {driver === 'sandbox' ? t('accounts.qr.sandbox') : t('accounts.qr.help')}
      </Text>
    </Stack>
  );
}
