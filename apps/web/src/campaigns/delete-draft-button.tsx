import type { CampaignStatus } from '@chapar/domain';
import type { ButtonProps } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { ConfirmButton } from '../components/confirm-button';
import { notifyError, notifySuccess } from '../components/notify';
import { useI18n } from '../i18n/i18n-provider';
import { type Campaign, trpc } from '../trpc/trpc';
import { campaignTitle } from './campaign-title';

/**
 * Campaigns that never started: what an abandoned wizard or a failed import leaves behind.
 * The server removes more (finished ones too, see REMOVABLE_STATUSES); the SPA offers it
 * only here, where nothing of the campaign's history is lost.
 */
const NEVER_STARTED: readonly CampaignStatus[] = ['DRAFT', 'READY'];

export function isNeverStarted(status: CampaignStatus): boolean {
  return NEVER_STARTED.includes(status);
}

interface Props extends Omit<ButtonProps, 'children'> {
  campaign: Campaign;
  onDeleted?: (() => void) | undefined;
}

/** Deletes a draft or ready campaign after asking; nothing for any other status. */
export function DeleteDraftButton({ campaign, onDeleted, ...button }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const utils = trpc.useUtils();
  const remove = trpc.campaigns.remove.useMutation({
    onSuccess: () => {
      void utils.campaigns.list.invalidate();
      notifySuccess(t('campaigns.deleted'));
      onDeleted?.();
    },
    onError: (error) => notifyError(t, error),
  });
  if (!isNeverStarted(campaign.status)) return null;
  return (
    <ConfirmButton
      variant="default"
      color="red"
      leftSection={<IconTrash size={16} aria-hidden />}
      loading={remove.isPending}
      aria-label={t('campaigns.delete.label', { title: campaignTitle(campaign, i18n) })}
      title={t('campaigns.delete.title')}
      message={t('campaigns.delete.body')}
      confirmLabel={t('campaigns.delete.confirm')}
      onConfirm={() => remove.mutate({ id: campaign.id })}
      {...button}
    >
      {t('campaigns.delete')}
    </ConfirmButton>
  );
}
