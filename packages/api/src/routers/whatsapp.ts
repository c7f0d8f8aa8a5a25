import { zAccountStatus, zCampaignStatus, zDriver } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError, notFound } from '../errors';
import { topics } from '../ports';
import { type AccountStatusEvent, zAccount, zAccountStatusEvent, zId, zIsoDate } from '../schemas';
import { snapshotStream } from '../stream';
import { authedProcedure, router, subscriberSignal } from '../trpc';

const zAccountId = z.object({ id: zId });
const zLabel = z.string().trim().min(1, 'Give the account a label.').max(100);
const zOk = z.object({ ok: z.literal(true) });

/** Resolves the account only if it belongs to the caller; someone else's is NOT_FOUND. */
const ownedAccount = authedProcedure.input(zAccountId).use(async ({ ctx, input, next }) => {
  const account = await ctx.ports.accounts.get(ctx.user.id, input.id);
  if (!account) throw notFound('WhatsApp account');
  return next({ ctx: { account } });
});

export const whatsappRouter = router({
  list: authedProcedure.output(z.array(zAccount)).query(({ ctx }) => ctx.ports.accounts.list(ctx.user.id)),

  get: ownedAccount.output(zAccount).query(({ ctx }) => ctx.account),

  create: authedProcedure
    .input(
      z.object({
        label: zLabel,
        driver: zDriver,
      }),
    )
    .output(zAccount)
    .mutation(({ ctx, input }) => ctx.ports.accounts.create(ctx.user.id, input)),

  rename: ownedAccount
    .input(z.object({ label: zLabel }))
    .output(zAccount)
    .mutation(async ({ ctx, input }) => {
      const account = await ctx.ports.accounts.update(ctx.user.id, input.id, { label: input.label });
      if (!account) throw notFound('WhatsApp account');
      return account;
    }),

  /** Label and the daily cap: at most `dailyLimit` sends in any 24 hours (halved during warm-up). */
  update: ownedAccount
    .input(
      z.object({
        label: zLabel.optional(),
        dailyLimit: z
          .number()
          .int()
          .min(1, 'The daily limit is at least 1.')
          .max(5000, 'More than 5000 messages a day gets numbers banned; the limit is 5000.')
          .optional(),
      }),
    )
    .output(zAccount)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const account = await ctx.ports.accounts.update(ctx.user.id, id, patch);
      if (!account) throw notFound('WhatsApp account');
      return account;
    }),

  /** Starts linking: the status moves to CONNECTING, then QR (scan it) or straight to READY. */
  connect: ownedAccount.output(zOk).mutation(async ({ ctx }) => {
    await ctx.ports.whatsapp.connect(ctx.account.id);
    return { ok: true as const };
  }),

  /** Closes the session but keeps the login, so connect links again without a scan. */
  disconnect: ownedAccount.output(zOk).mutation(async ({ ctx }) => {
    await ctx.ports.whatsapp.disconnect(ctx.account.id);
    return { ok: true as const };
  }),

  /** Unlinks the device and forgets the login; the next connect asks for a new scan. */
  logout: ownedAccount.output(zOk).mutation(async ({ ctx }) => {
    await ctx.ports.whatsapp.logout(ctx.account.id);
    return { ok: true as const };
  }),

  remove: ownedAccount.output(zOk).mutation(async ({ ctx }) => {
    if ((await ctx.ports.accounts.activeCampaignCount(ctx.account.id)) > 0) {
      throw new ChaparError(
        'CONFLICT',
        'This account has running or scheduled campaigns. Pause or cancel them before removing it.',
      );
    }
    await ctx.ports.whatsapp.remove(ctx.account.id);
    return { ok: true as const };
  }),

  /** Each status the account passed through, newest first (a refreshed QR is not a change). */
  history: ownedAccount
    .input(
      z.object({ limit: z.number().int().min(1).max(200, 'At most 200 entries at a time.').default(50) }),
    )
    .output(
      z.array(z.object({ id: zId, status: zAccountStatus, error: z.string().nullable(), at: zIsoDate })),
    )
    .query(({ ctx, input }) => ctx.ports.accounts.history(ctx.account.id, input.limit)),

  /** The campaigns that send through this account, newest first (the latest 100). */
  campaigns: ownedAccount
    .output(z.array(z.object({ id: zId, title: z.string().nullable(), status: zCampaignStatus })))
    .query(({ ctx }) => ctx.ports.accounts.campaigns(ctx.account.id)),

  /** The current status (with the QR while one is shown), then every change. */
  onStatus: ownedAccount.subscription(async function* ({ ctx, signal }) {
    const id = ctx.account.id;
    for await (const event of snapshotStream<AccountStatusEvent>(
      ctx.ports.events,
      topics.account(id),
      () => ctx.ports.whatsapp.snapshot(id),
      subscriberSignal(ctx, signal),
    )) {
      yield zAccountStatusEvent.parse(event);
    }
  }),
});
