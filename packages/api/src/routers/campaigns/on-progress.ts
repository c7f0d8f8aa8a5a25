import { tracked } from '@trpc/server';
import { z } from 'zod';
import { notFound } from '../../errors';
import { topics } from '../../ports';
import { type CampaignProgress, zProgress } from '../../schemas';
import { snapshotStream } from '../../stream';
import { subscriberSignal } from '../../trpc';
import { ownedCampaign } from './guards';

/** The current counters first, then each change, with ids for resuming after a reconnect. */
export const onProgress = ownedCampaign
  .input(z.object({ lastEventId: z.string().nullish() }))
  .subscription(async function* ({ ctx, signal }) {
    const id = ctx.campaign.id;
    for await (const progress of snapshotStream<CampaignProgress>(
      ctx.ports.events,
      topics.campaign(id),
      async () => {
        const current = await ctx.ports.campaigns.progress(id);
        if (!current) throw notFound('Campaign');
        return current;
      },
      subscriberSignal(ctx, signal),
    )) {
      // The campaign's version: the same state has the same id on every API process.
      yield tracked(`${id}:${progress.version ?? 0}`, zProgress.parse(progress));
    }
  });
