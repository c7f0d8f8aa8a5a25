import { z } from 'zod';
import { zPackage } from '../schemas';
import { publicProcedure, router } from '../trpc';

export const packagesRouter = router({
  /** Public: what is on sale. */
  list: publicProcedure
    .output(z.array(zPackage))
    .query(({ ctx }) => ctx.ports.packages.list({ status: 'ACTIVE' })),
});
