import { z } from 'zod';
import { notFound } from '../errors';
import { zId, zIsoDate } from '../schemas';
import { authedProcedure, router } from '../trpc';

const zApiKey = z.object({
  id: zId,
  name: z.string(),
  prefix: z.string(),
  lastUsedAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
});

/** Long-lived keys for scripts using the typed client (`Authorization: Bearer chp_...`). */
export const apiKeysRouter = router({
  list: authedProcedure.output(z.array(zApiKey)).query(({ ctx }) => ctx.ports.apiKeys.list(ctx.user.id)),

  /** The key itself is in this answer only; it is stored hashed. */
  create: authedProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Name the key.').max(100) }))
    .output(zApiKey.extend({ key: z.string() }))
    .mutation(({ ctx, input }) => ctx.ports.apiKeys.create(ctx.user.id, input.name)),

  revoke: authedProcedure
    .input(z.object({ id: zId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.ports.apiKeys.revoke(ctx.user.id, input.id))) throw notFound('API key');
      return { ok: true as const };
    }),
});
