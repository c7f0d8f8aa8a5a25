import { z } from 'zod';
import { zId } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zWebhookEvent } from './schemas';

/** A new endpoint; the signing secret is in this answer only. */
export const create = authedProcedure
  .input(
    z.object({
      url: z
        .url({ protocol: /^https?$/, error: 'Enter the full http:// or https:// address of your endpoint.' })
        .max(2000),
      events: z
        .array(zWebhookEvent)
        .min(1, 'Choose at least one event.')
        .transform((events) => [...new Set(events)]),
    }),
  )
  .output(z.object({ id: zId, secret: z.string() }))
  .mutation(({ ctx, input }) => ctx.ports.webhooks.create(ctx.user.id, input));
