import { z } from 'zod';
import { notFound } from '../../errors';
import { page, zCursor, zId } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zWebhookDelivery } from './schemas';

/** The endpoint's delivery log, newest first. */
export const deliveries = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/v1/webhooks/{id}/deliveries',
      tags: ['Webhooks'],
      summary: 'The delivery log of a webhook, newest first',
      protect: true,
    },
  })
  .input(z.object({ id: zId, cursor: zCursor, limit: z.number().int().min(1).max(200).default(50) }))
  .output(page(zWebhookDelivery))
  .query(async ({ ctx, input }) => {
    const found = await ctx.ports.webhooks.deliveries(ctx.user.id, input);
    if (!found) throw notFound('Webhook');
    return found;
  });
