import { ChaparError } from '../../errors';
import { zCampaign } from '../../schemas';
import { ownedCampaign } from './guards';

export const detachMedia = ownedCampaign.output(zCampaign).mutation(async ({ ctx }) => {
  const campaign = await ctx.ports.media.detach(ctx.user.id, ctx.campaign.id);
  if (!campaign)
    throw new ChaparError(
      'CONFLICT',
      'MEDIA_NOT_EDITABLE',
      'The attachment of a running campaign cannot change. Pause it first.',
    );
  return campaign;
});
