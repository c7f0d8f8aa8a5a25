import { zPackageStatus } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import { zId, zPackage } from '../../schemas';
import { adminProcedure, router } from '../../trpc';
import { auditEntry } from './audit';

const zPackageInput = z.object({
  title: z.string().trim().min(1, 'Give the package a title.').max(255),
  description: z.string().trim().max(5000).nullish(),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Price is a number with at most 8 digits and 2 decimals.'),
  duration: z.number().int().min(1, 'Duration is at least one day.').max(3650),
  category: z.string().trim().max(255).nullish(),
  status: zPackageStatus.default('ACTIVE'),
  messageLimit: z.number().int().min(0).max(100_000_000),
});

export const adminPackagesRouter = router({
  list: adminProcedure.output(z.array(zPackage)).query(({ ctx }) => ctx.ports.packages.list({})),

  create: adminProcedure
    .input(zPackageInput)
    .output(zPackage)
    .mutation(async ({ ctx, input }) => {
      return ctx.ports.packages.create(
        { ...input, description: input.description ?? null, category: input.category ?? null },
        (_, created) => [
          auditEntry(ctx, {
            action: 'package.create',
            targetType: 'package',
            targetId: created.id,
            details: { title: created.title, price: created.price, status: created.status },
          }),
        ],
      );
    }),

  // No defaults on an update: leaving `status` out must not put a package back on sale.
  update: adminProcedure
    .input(zPackageInput.extend({ status: zPackageStatus }).partial().extend({ id: zId }))
    .output(zPackage)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const updated = await ctx.ports.packages.update(id, patch, (before, after) => {
        // Taking a package off sale is its own entry, so the log answers "who stopped selling it?".
        const action =
          before && before.status !== after.status
            ? after.status === 'INACTIVE'
              ? 'package.deactivate'
              : 'package.activate'
            : 'package.update';
        const changed = Object.fromEntries(
          Object.entries(patch).filter(
            ([key, value]) => value !== undefined && before?.[key as keyof typeof before] !== value,
          ),
        );
        return [auditEntry(ctx, { action, targetType: 'package', targetId: id, details: { changed } })];
      });
      if (!updated) throw notFound('Package');
      return updated;
    }),
});
