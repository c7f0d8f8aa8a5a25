import { zInterval } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError } from '../../errors';
import { zCampaign, zId } from '../../schemas';
import { ownedCampaign, requireOwnAccount } from './guards';
import { zMessage, zPacing, zTitle } from './schemas';

export const update = ownedCampaign
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/v1/campaigns/{id}',
      tags: ['Campaigns'],
      summary: 'Change a draft or paused campaign',
      protect: true,
    },
  })
  .input(
    z.object({
      title: zTitle,
      message: zMessage.optional(),
      interval: zInterval.optional(),
      whatsappAccountId: zId.optional(),
      ...zPacing,
    }),
  )
  .output(zCampaign)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    if (patch.whatsappAccountId !== undefined) await requireOwnAccount(ctx, patch.whatsappAccountId);
    const updated = await ctx.ports.campaigns.update(ctx.user.id, id, patch);
    if (!updated) {
      throw new ChaparError(
        'CONFLICT',
        'CAMPAIGN_NOT_EDITABLE',
        `A ${ctx.campaign.status.toLowerCase()} campaign cannot be edited. Pause it first.`,
        { params: { status: ctx.campaign.status } },
      );
    }
    return updated;
  });
