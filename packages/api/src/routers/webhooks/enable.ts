import { notFound } from '../../errors';
import { authedProcedure } from '../../trpc';
import { zOk, zWebhookId } from './schemas';

/** Turns back on an endpoint that was disabled after a day of failures. */
export const enable = authedProcedure
  .input(zWebhookId)
  .output(zOk)
  .mutation(async ({ ctx, input }) => {
    if (!(await ctx.ports.webhooks.enable(ctx.user.id, input.id))) throw notFound('Webhook');
    return { ok: true as const };
  });
