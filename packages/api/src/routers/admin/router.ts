import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';
import { adminAuditLogRouter } from './audit-log';
import { adminCampaignsRouter } from './campaigns';
import { adminPackagesRouter } from './packages';
import { adminPaymentsRouter } from './payments';
import { adminSubscriptionsRouter } from './subscriptions';
import { systemProcedure } from './system';
import { adminUsersRouter } from './users';
import { accountOwnersProcedure } from './workers';

const zCounts = z.record(z.string(), z.number().int());

/** The admin tab's procedures (ADMIN and SUPER_ADMIN only), one file per area under `admin/`. */
export const adminRouter = router({
  users: adminUsersRouter,
  auditLog: adminAuditLogRouter,
  packages: adminPackagesRouter,
  campaigns: adminCampaignsRouter,
  system: systemProcedure,
  accountOwners: accountOwnersProcedure,
  subscriptions: adminSubscriptionsRouter,
  payments: adminPaymentsRouter,
  stats: adminProcedure
    .output(
      z.object({
        users: zCounts,
        campaigns: zCounts,
        accounts: zCounts,
        messages: z.object({ sentToday: z.number().int(), failedToday: z.number().int() }),
      }),
    )
    .query(({ ctx }) => ctx.ports.stats.admin(ctx.ports.clock.now())),
});
