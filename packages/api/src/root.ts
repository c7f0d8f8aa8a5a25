import { adminRouter } from './routers/admin/router';
import { apiKeysRouter } from './routers/api-keys';
import { authRouter } from './routers/auth/router';
import { billingRouter } from './routers/billing';
import { campaignsRouter } from './routers/campaigns/router';
import { dashboardRouter } from './routers/dashboard';
import { optOutsRouter } from './routers/opt-outs';
import { packagesRouter } from './routers/packages';
import { subscriptionRouter } from './routers/subscription';
import { webhooksRouter } from './routers/webhooks/router';
import { whatsappRouter } from './routers/whatsapp';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  whatsapp: whatsappRouter,
  campaigns: campaignsRouter,
  dashboard: dashboardRouter,
  optOuts: optOutsRouter,
  packages: packagesRouter,
  subscription: subscriptionRouter,
  billing: billingRouter,
  admin: adminRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, scripts) with a hand-built context. */
export const createCaller = createCallerFactory(appRouter);
