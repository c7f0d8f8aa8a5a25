import { zCampaign } from '../../schemas';
import { ownedCampaign, transitionOrExplain } from './guards';

export const pause = ownedCampaign
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{id}/pause',
      tags: ['Campaigns'],
      summary: 'Pause a running campaign',
      protect: true,
    },
  })
  .output(zCampaign)
  .mutation(({ ctx }) =>
    transitionOrExplain(ctx, ctx.campaign, 'pause', {
      pausedReason: 'Paused by you.',
      pauseCause: 'USER',
      pausedParams: { note: null, byAdmin: false },
    }),
  );
