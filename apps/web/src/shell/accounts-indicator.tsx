import { Badge, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-provider';
import { ACCOUNT_STATUS_COLOR } from '../whatsapp/account-status';
import { useLiveAccounts } from '../whatsapp/live-accounts';

const SHOWN = 3;

/** The live status of the user's WhatsApp accounts, each badge a link to the accounts page. */
export function AccountsIndicator() {
  const t = useT();
  const { accounts } = useLiveAccounts();
  if (!accounts) return null;
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-label={t('header.whatsappStatus')} visibleFrom="xs">
      {accounts.length === 0 && (
        <Badge component={Link} to="/whatsapp" color="gray" variant="outline" style={{ cursor: 'pointer' }}>
          {t('header.noAccount')}
        </Badge>
      )}
      {accounts.slice(0, SHOWN).map((account) => (
        <Badge
          key={account.id}
          component={Link}
          to="/whatsapp"
          color={ACCOUNT_STATUS_COLOR[account.status]}
          variant="dot"
          data-status={account.status}
          style={{ cursor: 'pointer', textTransform: 'none' }}
        >
          {account.label}: {t(`accountStatus.${account.status}`)}
        </Badge>
      ))}
      {accounts.length > SHOWN && (
        <Badge component={Link} to="/whatsapp" color="gray" variant="light">
          +{accounts.length - SHOWN}
        </Badge>
      )}
    </Group>
  );
}
