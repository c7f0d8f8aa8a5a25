import { zCampaignStatus } from '@chapar/domain';
import { z } from 'zod';
import { page, zCampaign, zCursor, zId } from '../../schemas';
import { authedProcedure } from '../../trpc';

/**
 * Newest first. Filters: status, account, part of the title (or "#12"), creation time
 * `[createdFrom, createdTo)`. `withTotal` also answers how many match, for page counts.
 */
export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/v1/campaigns',
      tags: ['Campaigns'],
      summary: 'List campaigns, newest first',
      protect: true,
    },
  })
  .input(
    z
      .object({
        status: zCampaignStatus.optional(),
        whatsappAccountId: zId.optional(),
        search: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
        createdFrom: z.coerce.date().optional(),
        createdTo: z.coerce.date().optional(),
        withTotal: z.boolean().optional(),
        cursor: zCursor,
        limit: z.number().int().min(1).max(100).default(20),
      })
      .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom < f.createdTo, {
        message: 'The end of the date range must come after its start.',
        path: ['createdTo'],
        params: { reason: 'DATE_RANGE_REVERSED' },
      })
      .default({ limit: 20 }),
  )
  .output(page(zCampaign).extend({ total: z.number().int().optional() }))
  .query(({ ctx, input }) => ctx.ports.campaigns.list(ctx.user.id, input));
