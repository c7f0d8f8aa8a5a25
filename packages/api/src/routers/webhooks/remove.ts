import { notFound } from '../../errors';
import { authedProcedure } from '../../trpc';
import { zOk, zWebhookId } from './schemas';

/** The endpoint and its delivery log; nothing more is sent to it. */
export const remove = authedProcedure
  .input(zWebhookId)
  .output(zOk)
  .mutation(async ({ ctx, input }) => {
    if (!(await ctx.ports.webhooks.remove(ctx.user.id, input.id))) throw notFound('Webhook');
    return { ok: true as const };
  });
