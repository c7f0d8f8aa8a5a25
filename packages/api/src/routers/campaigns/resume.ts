import { zCampaign } from '../../schemas';
import {
  checkMessage,
  ownedCampaign,
  requireSendable,
  transitionOrExplain,
  transitionRefused,
} from './guards';

export const resume = ownedCampaign
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{id}/resume',
      tags: ['Campaigns'],
      summary: 'Resume a paused campaign',
      protect: true,
    },
  })
  .output(zCampaign)
  .mutation(async ({ ctx }) => {
    if (ctx.campaign.status !== 'PAUSED') {
      throw transitionRefused(ctx.campaign.status, 'resume');
    }
    await requireSendable(ctx, ctx.campaign);
    checkMessage(ctx.campaign);
    return transitionOrExplain(ctx, ctx.campaign, 'resume');
  });
