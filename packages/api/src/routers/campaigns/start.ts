import { z } from 'zod';
import { ChaparError } from '../../errors';
import { zCampaign } from '../../schemas';
import {
  checkMessage,
  ownedCampaign,
  requireSendable,
  requireSubscription,
  requireVerifiedPhone,
  transitionOrExplain,
  transitionRefused,
} from './guards';

export const start = ownedCampaign
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{id}/start',
      tags: ['Campaigns'],
      summary: 'Start sending now, or schedule with scheduledAt',
      protect: true,
    },
  })
  .input(z.object({ scheduledAt: z.coerce.date().nullish() }))
  .output(zCampaign)
  .mutation(async ({ ctx, input }) => {
    const { campaign } = ctx;
    if (campaign.status === 'DRAFT') {
      const missing = campaign.totalRecipients === 0 ? 'recipients' : 'account';
      throw new ChaparError(
        'BAD_REQUEST',
        'CAMPAIGN_NOT_READY',
        `The campaign is not ready to start: add ${missing === 'account' ? 'a WhatsApp account' : missing} first.`,
        { params: { missing } },
      );
    }
    if (campaign.status !== 'READY') throw transitionRefused(campaign.status, 'start');
    if ((await ctx.ports.campaigns.pendingCount(campaign.id)) === 0) {
      throw new ChaparError(
        'BAD_REQUEST',
        'NO_RECIPIENTS_LEFT',
        'There is nobody left to send to: add recipients first.',
      );
    }
    checkMessage(campaign);
    const now = ctx.ports.clock.now();
    if (input.scheduledAt && input.scheduledAt.getTime() > now.getTime()) {
      if (input.scheduledAt.getTime() > now.getTime() + 365 * 86_400_000) {
        throw new ChaparError(
          'BAD_REQUEST',
          'SCHEDULE_TOO_FAR',
          'Schedule the campaign within the next year.',
          {
            field: 'scheduledAt',
          },
        );
      }
      await requireSubscription(ctx);
      requireVerifiedPhone(ctx);
      return transitionOrExplain(ctx, campaign, 'schedule', { scheduledAt: input.scheduledAt });
    }
    await requireSendable(ctx, campaign);
    return transitionOrExplain(ctx, campaign, 'start');
  });
