import type { CampaignStatus } from '@chapar/domain';
import { Button, Group } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { ConfirmButton } from '../components/confirm-button';
import { useT } from '../i18n/i18n-provider';
import { type CampaignAction, campaignActions } from './campaign-status';

interface Props {
  status: CampaignStatus;
  /** Disables every button while one action is on its way. */
  pending: boolean;
  onAction(action: CampaignAction): void;
}

/** Only the buttons the current status allows; cancelling asks first. */
export function CampaignActionButtons({ status, pending, onAction }: Props) {
  const t = useT();
  const actions = campaignActions(status);
  if (actions.length === 0) return null;
  return (
    <Group gap="xs">
      {actions.includes('start') && (
        <Button
          color="teal"
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={pending}
          onClick={() => onAction('start')}
        >
          {t('campaign.start')}
        </Button>
      )}
      {actions.includes('pause') && (
        <Button
          color="yellow"
          leftSection={<IconPlayerPause size={16} aria-hidden />}
          disabled={pending}
          onClick={() => onAction('pause')}
        >
          {t('campaign.pause')}
        </Button>
      )}
      {actions.includes('resume') && (
        <Button
          color="teal"
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={pending}
          onClick={() => onAction('resume')}
        >
          {t('campaign.resume')}
        </Button>
      )}
      {actions.includes('cancel') && (
        <ConfirmButton
          variant="outline"
          color="red"
          leftSection={<IconPlayerStop size={16} aria-hidden />}
          disabled={pending}
          title={t('campaign.cancel.title')}
          message={t('campaign.cancel.body')}
          confirmLabel={t('campaign.cancel.confirm')}
          onConfirm={() => onAction('cancel')}
        >
          {t('campaign.cancel')}
        </ConfirmButton>
      )}
    </Group>
  );
}
