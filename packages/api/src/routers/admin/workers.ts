import { z } from 'zod';
import { page, zCursor } from '../../schemas';
import { adminProcedure } from '../../trpc';
import { zAccountOwner } from './schemas';

/** The workers table's own limit on an id (`workers.id`, `whatsapp_accounts.lease_owner`). */
const WORKER_ID_MAX = 128;

/**
 * Every account with the worker holding its lease, by id, a page at a time (a cluster has
 * thousands): `owner` a worker id lists that worker's accounts, `owner: null` the ones
 * nobody holds.
 */
export const accountOwnersProcedure = adminProcedure
  .input(
    z
      .object({
        owner: z
          .string()
          .trim()
          .min(1, 'Give a worker id, or null for accounts nobody holds.')
          .max(WORKER_ID_MAX, 'A worker id has at most 128 characters.')
          .nullable()
          .optional(),
        cursor: zCursor,
        limit: z.number().int().min(1).max(200).default(50),
      })
      .default({ limit: 50 }),
  )
  .output(page(zAccountOwner))
  .query(({ ctx, input }) => ctx.ports.cluster.accountOwners(input));
