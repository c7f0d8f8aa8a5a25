import { z } from 'zod';
import { notFound } from '../../errors';
import { zId } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zOk } from './schemas';

/** "Send again": the same event, same id and body, queued for an attempt now. */
export const redeliver = authedProcedure
  .input(z.object({ deliveryId: zId }))
  .output(zOk)
  .mutation(async ({ ctx, input }) => {
    if (!(await ctx.ports.webhooks.redeliver(ctx.user.id, input.deliveryId))) throw notFound('Delivery');
    return { ok: true as const };
  });
