import { ACCOUNT_STATUSES } from '@chapar/domain';
import { z } from 'zod';
import { zAdminUser, zCampaign, zIsoDate, zSubscription } from '../../schemas';

/** A campaign as admins see it: whose it is travels with it. */
export const zAdminCampaign = zCampaign.extend({
  ownerName: z.string().nullable(),
  ownerEmail: z.string().nullable(),
});

export const zAdminUserDetail = z.object({
  user: zAdminUser,
  /** The subscription in force (or the latest one), null when the user never had one. */
  subscription: zSubscription.nullable(),
  activity: z.object({
    campaigns: z.number().int(),
    activeCampaigns: z.number().int(),
    accounts: z.number().int(),
    messagesSent: z.number().int(),
  }),
});

const zAccountCounts = z.object(
  Object.fromEntries(ACCOUNT_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof ACCOUNT_STATUSES)[number],
    z.ZodNumber
  >,
);

/** A worker process (DESIGN.md, "Scale-out"); in role `all` the one process is the only worker. */
export const zWorker = z.object({
  id: z.string(),
  role: z.string(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: zIsoDate,
  lastHeartbeatAt: zIsoDate,
  alive: z.boolean(),
  accountsHeld: z.number().int(),
  maxAccounts: z.number().int(),
  browsers: z.number().int(),
});

/** An account and the worker holding its lease, if any. */
export const zAccountOwner = z.object({
  id: z.number().int(),
  label: z.string(),
  phone: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  userId: z.number().int(),
  userName: z.string(),
  userEmail: z.string(),
  owner: z.string().nullable(),
  leaseExpiresAt: zIsoDate.nullable(),
  leaseActive: z.boolean(),
});

export const zSystem = z.object({
  database: z.object({
    reachable: z.boolean(),
    latencyMs: z.number().nullable(),
    migrationsCurrent: z.boolean().nullable(),
    pendingMigrations: z.number().int().nullable(),
    error: z.string().nullable(),
  }),
  engine: z.object({
    alive: z.boolean(),
    lastTickAgeMs: z.number().int().nullable(),
    runningCampaigns: z.number().int().nullable(),
  }),
  /** null when the database could not be asked. */
  accounts: zAccountCounts.nullable(),
  /** The last 24 hours, oldest first, one entry per hour (hours without sends count 0). */
  messagesPerHour: z.array(z.object({ hour: zIsoDate, sent: z.number().int(), failed: z.number().int() })),
  /** null when the database could not be asked. */
  workers: z.array(zWorker).nullable(),
  server: z.object({
    version: z.string(),
    startedAt: zIsoDate,
    uptimeSeconds: z.number().int(),
    node: z.string(),
  }),
});
