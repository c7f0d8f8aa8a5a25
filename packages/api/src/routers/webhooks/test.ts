import { notFound } from '../../errors';
import { authedProcedure } from '../../trpc';
import { zWebhookDelivery, zWebhookId } from './schemas';

/** Sends a signed `webhook.test` event now and answers its delivery after the first attempt. */
export const test = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/webhooks/{id}/test',
      tags: ['Webhooks'],
      summary: 'Send a webhook.test event and answer its delivery',
      protect: true,
    },
  })
  .input(zWebhookId)
  .output(zWebhookDelivery)
  .mutation(async ({ ctx, input }) => {
    const delivery = await ctx.ports.webhooks.test(ctx.user.id, input.id);
    if (!delivery) throw notFound('Webhook');
    return delivery;
  });
