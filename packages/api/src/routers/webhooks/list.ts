import { z } from 'zod';
import { authedProcedure } from '../../trpc';
import { zWebhook } from './schemas';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/v1/webhooks',
      tags: ['Webhooks'],
      summary: 'List your webhooks',
      protect: true,
    },
  })
  .output(z.array(zWebhook))
  .query(({ ctx }) => ctx.ports.webhooks.list(ctx.user.id));
