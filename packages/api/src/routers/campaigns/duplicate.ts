import { z } from 'zod';
import { notFound } from '../../errors';
import { zCampaign } from '../../schemas';
import { ownedCampaign } from './guards';

/**
 * A new DRAFT/READY campaign with the same content, account and recipients (all PENDING).
 * `title` names the copy (the SPA passes one in the user's language); else "<title> (copy)".
 */
export const duplicate = ownedCampaign
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{id}/duplicate',
      tags: ['Campaigns'],
      summary: 'Copy a campaign and its recipients into a new draft',
      protect: true,
    },
  })
  .input(z.object({ title: z.string().trim().min(1).max(255).optional() }))
  .output(zCampaign)
  .mutation(async ({ ctx, input }) => {
    const copy = await ctx.ports.campaigns.duplicate(ctx.user.id, ctx.campaign.id, input.title);
    if (!copy) throw notFound('Campaign');
    return copy;
  });
