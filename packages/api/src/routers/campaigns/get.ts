import { zCampaign } from '../../schemas';
import { ownedCampaign } from './guards';

export const get = ownedCampaign
  .meta({
    openapi: {
      method: 'GET',
      path: '/v1/campaigns/{id}',
      tags: ['Campaigns'],
      summary: 'A campaign with its progress counts (poll it while it sends)',
      protect: true,
    },
  })
  .output(zCampaign)
  .query(({ ctx }) => ctx.campaign);
