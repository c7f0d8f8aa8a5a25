import { zCampaign } from '../../schemas';
import { ownedCampaign, transitionOrExplain } from './guards';

/** Stops for good; recipients not yet sent become SKIPPED. */
export const cancel = ownedCampaign
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{id}/cancel',
      tags: ['Campaigns'],
      summary: 'Cancel a campaign for good',
      protect: true,
    },
  })
  .output(zCampaign)
  .mutation(({ ctx }) => transitionOrExplain(ctx, ctx.campaign, 'cancel'));
