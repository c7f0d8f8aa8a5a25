import { z } from 'zod';
import { adminProcedure, router } from '../trpc';
import { adminAuditLogRouter } from './admin/audit-log';
import { adminCampaignsRouter } from './admin/campaigns';
import { adminPackagesRouter } from './admin/packages';
import { adminPaymentsRouter } from './admin/payments';
import { adminSubscriptionsRouter } from './admin/subscriptions';
import { systemProcedure } from './admin/system';
import { adminUsersRouter } from './admin/users';
import { accountOwnersProcedure } from './admin/workers';

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
