import { canTransition } from '@chapar/domain';
import { Button } from '@mantine/core';
import { useState } from 'react';
import { notifySuccess } from '../components/notify';
import { useI18n } from '../i18n/i18n-provider';
import type { Translate } from '../i18n/translate';
import { trpc } from '../trpc/trpc';
import { adminErrorText } from './admin-errors';
import { ReasonDialog } from './reason-dialog';
import type { AdminCampaign } from './types';

/** A campaign's title, or its number when it has none. */
export function campaignName(t: Translate, formatId: (n: number) => string, c: AdminCampaign) {
  return c.title || t('admin.campaigns.untitled', { id: formatId(c.id) });
}

/** Pause and cancel, each behind a dialog that takes a reason; only what the state allows. */
export function CampaignActions({ campaign, name }: { campaign: AdminCampaign; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const utils = trpc.useUtils();
  const [asking, setAsking] = useState<'pause' | 'cancel' | null>(null);
  const onSuccess = (message: string) => () => {
    notifySuccess(message);
    setAsking(null);
    return Promise.all([
      utils.admin.campaigns.list.invalidate(),
      utils.admin.campaigns.get.invalidate({ id: campaign.id }),
      utils.admin.auditLog.list.invalidate(),
    ]);
  };
  const pause = trpc.admin.campaigns.pause.useMutation({ onSuccess: onSuccess(t('admin.campaigns.paused')) });
  const cancel = trpc.admin.campaigns.cancel.useMutation({
    onSuccess: onSuccess(t('admin.campaigns.cancelled')),
  });
  const mutation = asking === 'cancel' ? cancel : pause;
  const open = (action: 'pause' | 'cancel') => {
    pause.reset();
    cancel.reset();
    setAsking(action);
  };

  return (
    <>
      {canTransition(campaign.status, 'pause') && (
        <Button
          size="xs"
          variant="subtle"
          color="yellow"
          aria-label={t('admin.campaigns.pauseFor', { title: name })}
          onClick={() => open('pause')}
        >
          {t('admin.campaigns.pause')}
        </Button>
      )}
      {canTransition(campaign.status, 'cancel') && (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={t('admin.campaigns.cancelFor', { title: name })}
          onClick={() => open('cancel')}
        >
          {t('admin.campaigns.cancel')}
        </Button>
      )}
      <ReasonDialog
        opened={asking !== null}
        title={t(asking === 'cancel' ? 'admin.campaigns.cancelTitle' : 'admin.campaigns.pauseTitle', {
          title: name,
        })}
        body={t(asking === 'cancel' ? 'admin.campaigns.cancelBody' : 'admin.campaigns.pauseBody')}
        confirmLabel={t(asking === 'cancel' ? 'admin.campaigns.cancel' : 'admin.campaigns.pause')}
        color={asking === 'cancel' ? 'red' : 'yellow'}
        pending={mutation.isPending}
        error={mutation.error ? adminErrorText(i18n, mutation.error) : null}
        onConfirm={(reason) => mutation.mutate({ id: campaign.id, ...(reason ? { reason } : {}) })}
        onClose={() => setAsking(null)}
      />
    </>
  );
}
