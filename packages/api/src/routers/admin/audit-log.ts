import { z } from 'zod';
import { page, zAuditEntry, zCursor, zId } from '../../schemas';
import { adminProcedure, router } from '../../trpc';

export const adminAuditLogRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          actorId: zId.optional(),
          action: z.string().trim().max(64).optional(),
          targetType: z.string().trim().max(32).optional(),
          targetId: zId.optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zAuditEntry))
    .query(({ ctx, input }) => ctx.ports.auditLog.list(input)),
});
