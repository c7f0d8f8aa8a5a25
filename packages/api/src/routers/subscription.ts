import { zSubscription } from '../schemas';
import { authedProcedure, router } from '../trpc';

export const subscriptionRouter = router({
  /** The subscription now in force (or the last one), null when the user never had one. */
  current: authedProcedure
    .output(zSubscription.nullable())
    .query(({ ctx }) => ctx.ports.subscriptions.current(ctx.user.id)),
});
