import type { CampaignStatus, RecipientStatus } from '@chapar/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import { CAMPAIGN_STATUS_COLOR, RECIPIENT_STATUS_COLOR } from './campaign-status';

/** `data-status` carries the raw status for tests and styling; the text is translated. */
export function CampaignStatusBadge({ status, ...props }: { status: CampaignStatus } & BadgeProps) {
  const t = useT();
  return (
    <Badge color={CAMPAIGN_STATUS_COLOR[status]} variant="light" data-status={status} {...props}>
      {t(`campaignStatus.${status}`)}
    </Badge>
  );
}

export function RecipientStatusBadge({ status }: { status: RecipientStatus }) {
  const t = useT();
  return (
    <Badge color={RECIPIENT_STATUS_COLOR[status]} variant="light" size="sm" data-status={status}>
      {t(`recipientStatus.${status}`)}
    </Badge>
  );
}
