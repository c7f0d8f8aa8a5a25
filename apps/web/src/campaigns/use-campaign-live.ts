import { useDebouncedCallback } from '@mantine/hooks';
import { trpc } from '../trpc/trpc';

/**
 * Follows `campaigns.onProgress`: each event (the current state first, then every
 * change) is written into the `campaigns.get` cache, and the recipients table is
 * refetched shortly after, once per burst of events.
 */
export function useCampaignLive(id: number): void {
  const utils = trpc.useUtils();
  const refreshRecipients = useDebouncedCallback(() => {
    void utils.campaigns.recipients.invalidate({ campaignId: id });
  }, 400);
  trpc.campaigns.onProgress.useSubscription(
    { id },
    {
      onData: ({ data }) => {
        const before = utils.campaigns.get.getData({ id });
        utils.campaigns.get.setData({ id }, (old) =>
          old ? { ...old, ...data, pausedReason: data.pausedReason ?? null } : old,
        );
        // Events carry counters only; a new status brings new times (started, completed).
        if (before && before.status !== data.status) void utils.campaigns.get.invalidate({ id });
        refreshRecipients();
      },
    },
  );
}
