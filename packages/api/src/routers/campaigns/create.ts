import { zInterval } from '@chapar/domain';
import { z } from 'zod';
import { zCampaign, zId } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { requireOwnAccount } from './guards';
import { zMessage, zPacing, zTitle } from './schemas';

export const create = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns',
      tags: ['Campaigns'],
      summary: 'Create a draft campaign',
      protect: true,
    },
  })
  .input(
    z.object({
      title: zTitle,
      message: zMessage,
      interval: zInterval.default('TEN_SECONDS'),
      whatsappAccountId: zId,
      ...zPacing,
    }),
  )
  .output(zCampaign)
  .mutation(async ({ ctx, input }) => {
    await requireOwnAccount(ctx, input.whatsappAccountId);
    return ctx.ports.campaigns.create(ctx.user.id, { ...input, title: input.title ?? null });
  });
