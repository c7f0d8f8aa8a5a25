import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { type Campaign, trpc } from '../trpc/trpc';
import type { CampaignAction } from './campaign-status';

/** start / pause / resume / cancel; the answer (the campaign) goes straight into the cache. */
export function useCampaignActions(id: number): { run(action: CampaignAction): void; pending: boolean } {
  const t = useT();
  const utils = trpc.useUtils();
  const options = {
    onSuccess: (campaign: Campaign) => {
      utils.campaigns.get.setData({ id }, campaign);
      void utils.campaigns.list.invalidate();
    },
    onError: (error: unknown) => notifyError(t, error),
  };
  const mutations = {
    start: trpc.campaigns.start.useMutation(options),
    pause: trpc.campaigns.pause.useMutation(options),
    resume: trpc.campaigns.resume.useMutation(options),
    cancel: trpc.campaigns.cancel.useMutation(options),
  } satisfies Record<CampaignAction, unknown>;
  return {
    run: (action) => mutations[action].mutate({ id }),
    pending: Object.values(mutations).some((m) => m.isPending),
  };
}
