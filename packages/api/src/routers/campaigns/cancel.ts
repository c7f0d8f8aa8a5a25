import { zCampaign } from '../../schemas';
import { ownedCampaign, transitionOrExplain } from './guards';

/** Stops for good; recipients not yet sent become SKIPPED. */
export const cancel = ownedCampaign
  .output(zCampaign)
  .mutation(({ ctx }) => transitionOrExplain(ctx, ctx.campaign, 'cancel'));
