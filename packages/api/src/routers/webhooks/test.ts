import { notFound } from '../../errors';
import { authedProcedure } from '../../trpc';
import { zWebhookDelivery, zWebhookId } from './schemas';

/** Sends a signed `webhook.test` event now and answers its delivery after the first attempt. */
export const test = authedProcedure
  .input(zWebhookId)
  .output(zWebhookDelivery)
  .mutation(async ({ ctx, input }) => {
    const delivery = await ctx.ports.webhooks.test(ctx.user.id, input.id);
    if (!delivery) throw notFound('Webhook');
    return delivery;
  });
