import { type CountryCode, normalizePhone } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../errors';
import { formFile, zFormData } from '../form-data';
import { page, zCursor, zId, zOptOut } from '../schemas';
import { authedProcedure, router } from '../trpc';

/** Numbers the user must not message again; campaigns skip them. */
export const optOutsRouter = router({
  list: authedProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(40).optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(500).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zOptOut))
    .query(({ ctx, input }) => ctx.ports.optOuts.list(ctx.user.id, input)),

  add: authedProcedure
    .input(z.object({ phones: z.array(z.string().max(64)).min(1).max(10_000) }))
    .output(
      z.object({
        added: z.number().int(),
        invalid: z.number().int(),
        rejected: z.array(z.object({ index: z.number().int(), value: z.string(), reason: z.string() })),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const valid: string[] = [];
      const rejected: Array<{ index: number; value: string; reason: string }> = [];
      input.phones.forEach((value, index) => {
        const phone = normalizePhone(value, ctx.user.defaultCountry as CountryCode);
        if (phone.ok) valid.push(phone.e164);
        else rejected.push({ index, value, reason: phone.reason });
      });
      const added = valid.length
        ? await ctx.ports.optOuts.add(ctx.user.id, [...new Set(valid)], 'manual')
        : 0;
      return { added, invalid: rejected.length, rejected: rejected.slice(0, 1000) };
    }),

  remove: authedProcedure
    .input(z.object({ id: zId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.ports.optOuts.remove(ctx.user.id, input.id))) throw notFound('Opt-out');
      return { ok: true as const };
    }),

  /** A CSV, TSV or XLSX list of numbers (FormData: file); the phone column is found as in imports. */
  import: authedProcedure
    .input(zFormData)
    .output(
      z.object({
        rows: z.number().int(),
        added: z.number().int(),
        duplicates: z.number().int(),
        invalid: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.ports.optOuts.importFile(ctx.user.id, formFile(input), ctx.user.defaultCountry),
    ),
});
