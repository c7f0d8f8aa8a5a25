import { Anchor, Box, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-provider';
import { ACCOUNT_STATUS_COLOR } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';

const SHOWN = 3;

const pill = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 6,
  whiteSpace: 'nowrap',
  padding: '2px 10px',
  borderRadius: 999,
  border: '1px solid var(--mantine-color-default-border)',
} as const;

/** The live status of the user's WhatsApp accounts, each a link to the accounts page. */
export function AccountsIndicator() {
  const t = useT();
  const { accounts } = useLiveAccounts();
  if (!accounts) return null;
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-label={t('header.whatsappStatus')} visibleFrom="xs">
      {accounts.length === 0 && (
        <Anchor component={Link} to="/whatsapp" size="xs" c="dimmed" underline="never" style={pill}>
          {t('header.noAccount')}
        </Anchor>
      )}
      {accounts.slice(0, SHOWN).map((account) => (
        <Anchor
          key={account.id}
          component={Link}
          to="/whatsapp"
          size="xs"
          fw={500}
          c="var(--mantine-color-text)"
          underline="never"
          style={pill}
          data-status={account.status}
        >
          <Box
            component="span"
            w={8}
            h={8}
            style={{ borderRadius: '50%', flex: 'none' }}
            bg={`${ACCOUNT_STATUS_COLOR[account.status]}.6`}
            aria-hidden
          />
          {/* One flex item, so the pill's gap does not open a space before the colon. */}
          <span>
            <bdi>{account.label}</bdi>: {t(`accountStatus.${account.status}`)}
          </span>
        </Anchor>
      ))}
      {accounts.length > SHOWN && (
        <Anchor component={Link} to="/whatsapp" size="xs" c="dimmed" underline="never" style={pill}>
          +{accounts.length - SHOWN}
        </Anchor>
      )}
    </Group>
  );
}
