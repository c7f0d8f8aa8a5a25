import { zCampaignStatus } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import type { CampaignRecord } from '../../ports';
import { page, zCursor, zId } from '../../schemas';
import { type AdminContext, adminProcedure, router } from '../../trpc';
import { transitionOrExplain } from '../campaigns';
import { auditEntry } from './audit';
import { zAdminCampaign } from './schemas';

const zReason = z.string().trim().max(500, 'Keep the reason under 500 characters.').optional();

/** Adds each campaign's owner (name and email) in one query for the whole page. */
async function withOwners(ctx: AdminContext, items: CampaignRecord[]) {
  const people = await ctx.ports.adminReports.people(items.map((c) => c.userId));
  const byId = new Map(people.map((p) => [p.id, p]));
  return items.map((c) => ({
    ...c,
    ownerName: byId.get(c.userId)?.name ?? null,
    ownerEmail: byId.get(c.userId)?.email ?? null,
  }));
}

/** Any user's campaign; admins act through the same guarded transitions as its owner. */
const anyCampaign = adminProcedure.input(z.object({ id: zId })).use(async ({ ctx, input, next }) => {
  const campaign = await ctx.ports.campaigns.get(null, input.id);
  if (!campaign) throw notFound('Campaign');
  return next({ ctx: { campaign } });
});

export const adminCampaignsRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          status: zCampaignStatus.optional(),
          userId: zId.optional(),
          search: z.string().trim().max(100).optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zAdminCampaign))
    .query(async ({ ctx, input }) => {
      const result = await ctx.ports.campaigns.list(null, {
        ...input,
        search: input.search === '' ? undefined : input.search,
      });
      return { items: await withOwners(ctx, result.items), nextCursor: result.nextCursor };
    }),

  get: anyCampaign
    .output(zAdminCampaign)
    .query(async ({ ctx }) => (await withOwners(ctx, [ctx.campaign]))[0]!),

  /** The owner may resume it; the reason tells them why it stopped. */
  pause: anyCampaign
    .input(z.object({ reason: zReason }))
    .output(zAdminCampaign)
    .mutation(async ({ ctx, input }) => {
      const reason = input.reason || null;
      const paused = await transitionOrExplain(ctx, ctx.campaign, 'pause', {
        pausedReason: reason ? `Paused by an administrator: ${reason}` : 'Paused by an administrator.',
        pauseCause: 'USER',
        audit: [
          auditEntry(ctx, {
            action: 'campaign.pause',
            targetType: 'campaign',
            targetId: ctx.campaign.id,
            details: { from: ctx.campaign.status, reason, ownerId: ctx.campaign.userId },
          }),
        ],
      });
      return (await withOwners(ctx, [paused]))[0]!;
    }),

  /** Stops for good; recipients not yet sent become SKIPPED, as when the owner cancels. */
  cancel: anyCampaign
    .input(z.object({ reason: zReason }))
    .output(zAdminCampaign)
    .mutation(async ({ ctx, input }) => {
      const cancelled = await transitionOrExplain(ctx, ctx.campaign, 'cancel', {
        audit: [
          auditEntry(ctx, {
            action: 'campaign.cancel',
            targetType: 'campaign',
            targetId: ctx.campaign.id,
            details: {
              from: ctx.campaign.status,
              reason: input.reason || null,
              ownerId: ctx.campaign.userId,
            },
          }),
        ],
      });
      return (await withOwners(ctx, [cancelled]))[0]!;
    }),
});
