import { zCampaign } from '../../schemas';
import { ownedCampaign, transitionOrExplain } from './guards';

export const pause = ownedCampaign.output(zCampaign).mutation(({ ctx }) =>
  transitionOrExplain(ctx, ctx.campaign, 'pause', {
    pausedReason: 'Paused by you.',
    pauseCause: 'USER',
    pausedParams: { note: null, byAdmin: false },
  }),
);
