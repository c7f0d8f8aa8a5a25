import { z } from 'zod';
import { ChaparError } from '../../errors';
import { ownedCampaign } from './guards';

export const remove = ownedCampaign
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/v1/campaigns/{id}',
      tags: ['Campaigns'],
      summary: 'Delete a campaign that is not sending',
      protect: true,
    },
  })
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx }) => {
    if (!(await ctx.ports.campaigns.remove(ctx.user.id, ctx.campaign.id))) {
      throw new ChaparError(
        'CONFLICT',
        'CAMPAIGN_NOT_REMOVABLE',
        'A running campaign cannot be removed. Pause or cancel it first.',
      );
    }
    return { ok: true as const };
  });
