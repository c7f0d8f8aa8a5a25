import { zCampaign } from '../../schemas';
import { ownedCampaign } from './guards';

export const get = ownedCampaign.output(zCampaign).query(({ ctx }) => ctx.campaign);
