import { z } from 'zod';
import { authedProcedure } from '../../trpc';
import { zWebhook } from './schemas';

export const list = authedProcedure
  .output(z.array(zWebhook))
  .query(({ ctx }) => ctx.ports.webhooks.list(ctx.user.id));
