import { subscriptionStanding } from '@chapar/domain';
import { zSubscriptionStatus } from '../schemas';
import { authedProcedure, router } from '../trpc';

export const subscriptionRouter = router({
  /**
   * The subscription now in force (or the last one), null when the user never had one,
   * with where it stands: messages and days left, and the 80%-used / 3-days-left warnings.
   */
  current: authedProcedure.output(zSubscriptionStatus.nullable()).query(async ({ ctx }) => {
    const current = await ctx.ports.subscriptions.current(ctx.user.id);
    if (!current) return null;
    return { ...current, ...subscriptionStanding(current, ctx.ports.clock.now()) };
  }),
});
