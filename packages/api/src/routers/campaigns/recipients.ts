import { RECIPIENT_STATUSES, zRecipientStatus } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import { page, zCursor, zId, zRecipient } from '../../schemas';
import { authedProcedure } from '../../trpc';

/**
 * Keyset pages: `cursor` is the previous page's last id in any sort order. `statuses`
 * filters by several statuses at once (a tab); `search` matches digits inside the number
 * or text inside the name.
 */
export const recipients = authedProcedure
  .meta({
    openapi: {
      // POST: the sort order is an object, which a query string cannot carry.
      method: 'POST',
      path: '/v1/campaigns/{campaignId}/recipients/search',
      tags: ['Recipients'],
      summary: 'Page through the recipients of a campaign and their statuses',
      protect: true,
    },
  })
  .input(
    z.object({
      campaignId: zId,
      status: zRecipientStatus.optional(),
      statuses: z.array(zRecipientStatus).max(RECIPIENT_STATUSES.length).optional(),
      search: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
      sort: z
        .object({
          by: z.enum(['id', 'phone', 'name', 'sentAt', 'status']),
          dir: z.enum(['asc', 'desc']).default('asc'),
        })
        .optional(),
      cursor: zCursor,
      limit: z.number().int().min(1).max(500).default(50),
    }),
  )
  .output(page(zRecipient))
  .query(async ({ ctx, input }) => {
    if (!(await ctx.ports.campaigns.get(ctx.user.id, input.campaignId))) throw notFound('Campaign');
    return ctx.ports.campaigns.recipients(input.campaignId, input);
  });
