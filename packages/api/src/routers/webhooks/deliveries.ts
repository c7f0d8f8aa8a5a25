import { z } from 'zod';
import { notFound } from '../../errors';
import { page, zCursor, zId } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zWebhookDelivery } from './schemas';

/** The endpoint's delivery log, newest first. */
export const deliveries = authedProcedure
  .input(z.object({ id: zId, cursor: zCursor, limit: z.number().int().min(1).max(200).default(50) }))
  .output(page(zWebhookDelivery))
  .query(async ({ ctx, input }) => {
    const found = await ctx.ports.webhooks.deliveries(ctx.user.id, input);
    if (!found) throw notFound('Webhook');
    return found;
  });
