import {
  type CampaignTransition,
  type CountryCode,
  EDITABLE_STATUSES,
  findUnknownVariables,
  normalizePhone,
  parseTemplate,
  RECIPIENT_STATUSES,
  renderTemplate,
  stripBidiControls,
  transitionRefusal,
  zCampaignStatus,
  zInterval,
  zRecipientStatus,
} from '@chapar/domain';
import { TRPCError, tracked } from '@trpc/server';
import { z } from 'zod';
import { ChaparError, notFound } from '../errors';
import { formFile, formId, formJson, formText, zFormData } from '../form-data';
import { type CampaignRecord, type NewRecipient, topics } from '../ports';
import {
  type CampaignProgress,
  page,
  zCampaign,
  zCursor,
  zId,
  zImportPreview,
  zImportReport,
  zProgress,
  zRecipient,
} from '../schemas';
import { snapshotStream } from '../stream';
import { authedProcedure, type Context, router, subscriberSignal } from '../trpc';

const MAX_BATCH = 10_000;

const zMapping = z.object({
  phone: z.union([z.number().int().min(0), z.string().min(1)]),
  name: z.union([z.number().int().min(0), z.string().min(1)]).nullish(),
  skipHeader: z.boolean().optional(),
});
const MAX_REPORTED_REJECTIONS = 1_000;

const zMessage = z
  .string()
  .trim()
  .min(1, 'Write the message to send.')
  .max(4096, 'WhatsApp messages are limited to 4096 characters here.');
const zTitle = z.string().trim().max(255).nullish();

/** Pacing beyond the interval; the defaults (25 sends, then 90 s) suit most numbers. */
const zPacing = {
  batchSize: z.number().int().min(0).max(1000).optional(),
  batchPauseSeconds: z.number().int().min(0).max(3600).optional(),
  typing: z.boolean().optional(),
};

/** Resolves the campaign only if it belongs to the caller; someone else's is NOT_FOUND. */
const ownedCampaign = authedProcedure.input(z.object({ id: zId })).use(async ({ ctx, input, next }) => {
  const campaign = await ctx.ports.campaigns.get(ctx.user.id, input.id);
  if (!campaign) throw notFound('Campaign');
  return next({ ctx: { campaign } });
});

async function requireOwnAccount(ctx: Context & { user: { id: number } }, accountId: number) {
  const account = await ctx.ports.accounts.get(ctx.user.id, accountId);
  if (!account) throw new ChaparError('NOT_FOUND', 'WhatsApp account not found.', 'whatsappAccountId');
  return account;
}

/** start and resume need a linked account and messages left to send. */
async function requireSendable(
  ctx: Context & { user: { id: number; phoneVerifiedAt: Date | null } },
  campaign: CampaignRecord,
) {
  if (campaign.whatsappAccountId == null) {
    throw new ChaparError('PRECONDITION_FAILED', 'Choose a WhatsApp account for this campaign first.');
  }
  const account = await requireOwnAccount(ctx, campaign.whatsappAccountId);
  if (account.status !== 'READY') {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      `The WhatsApp account "${account.label}" is not linked (${account.status.toLowerCase()}). Connect it first.`,
    );
  }
  if (!(await ctx.ports.subscriptions.usable(ctx.user.id))) {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'You have no active subscription with messages left. Buy or renew a package to send.',
    );
  }
  requireVerifiedPhone(ctx);
}

/** Only when the server asks for it (REQUIRE_VERIFIED_PHONE); off by default so scripts can send at once. */
function requireVerifiedPhone(ctx: Context & { user: { phoneVerifiedAt: Date | null } }) {
  if (ctx.ports.verification.phoneRequiredToSend && !ctx.user.phoneVerifiedAt) {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'Verify your phone number before sending: Settings → Verify your phone and email.',
    );
  }
}

/** Template mistakes and unknown variables are reported before the start, not at send time. */
function checkMessage(campaign: CampaignRecord) {
  const { problems } = parseTemplate(campaign.message);
  if (problems[0]) {
    const p = problems[0];
    throw new ChaparError(
      'BAD_REQUEST',
      `Message, line ${p.line}, column ${p.column}: ${p.message}`,
      'message',
    );
  }
  const unknown = findUnknownVariables(campaign.message, campaign.variableKeys);
  if (unknown.length > 0) {
    const list = unknown.map((v) => `{{${v}}}`).join(', ');
    throw new ChaparError(
      'BAD_REQUEST',
      `The message uses ${list}, which the recipients do not have. Import a column with that name, add a fallback like {{${unknown[0]}|…}}, or remove it.`,
      'message',
    );
  }
}

/** Applies a transition, or explains in words why the campaign's current state refuses it. */
export async function transitionOrExplain(
  ctx: Context,
  campaign: CampaignRecord,
  transition: CampaignTransition,
  extra?: Parameters<Context['ports']['campaigns']['transition']>[2],
): Promise<CampaignRecord> {
  const moved = await ctx.ports.campaigns.transition(campaign.id, transition, extra);
  const now = await ctx.ports.campaigns.get(null, campaign.id);
  if (!now) throw notFound('Campaign');
  if (!moved) throw new ChaparError('CONFLICT', transitionRefusal(now.status, transition));
  return now;
}

/** Imported columns as stored: bidi controls go at ingest, as in a file import. */
function withoutBidiControls(variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [stripBidiControls(key), stripBidiControls(value)]),
  );
}

export const campaignsRouter = router({
  /**
   * Newest first. Filters: status, account, part of the title (or "#12"), creation time
   * `[createdFrom, createdTo)`. `withTotal` also answers how many match, for page counts.
   */
  list: authedProcedure
    .input(
      z
        .object({
          status: zCampaignStatus.optional(),
          whatsappAccountId: zId.optional(),
          search: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
          createdFrom: z.coerce.date().optional(),
          createdTo: z.coerce.date().optional(),
          withTotal: z.boolean().optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(20),
        })
        .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom < f.createdTo, {
          message: 'The end of the date range must come after its start.',
          path: ['createdTo'],
        })
        .default({ limit: 20 }),
    )
    .output(page(zCampaign).extend({ total: z.number().int().optional() }))
    .query(({ ctx, input }) => ctx.ports.campaigns.list(ctx.user.id, input)),

  get: ownedCampaign.output(zCampaign).query(({ ctx }) => ctx.campaign),

  create: authedProcedure
    .input(
      z.object({
        title: zTitle,
        message: zMessage,
        interval: zInterval.default('TEN_SECONDS'),
        whatsappAccountId: zId,
        ...zPacing,
      }),
    )
    .output(zCampaign)
    .mutation(async ({ ctx, input }) => {
      await requireOwnAccount(ctx, input.whatsappAccountId);
      return ctx.ports.campaigns.create(ctx.user.id, { ...input, title: input.title ?? null });
    }),

  update: ownedCampaign
    .input(
      z.object({
        title: zTitle,
        message: zMessage.optional(),
        interval: zInterval.optional(),
        whatsappAccountId: zId.optional(),
        ...zPacing,
      }),
    )
    .output(zCampaign)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      if (patch.whatsappAccountId !== undefined) await requireOwnAccount(ctx, patch.whatsappAccountId);
      const updated = await ctx.ports.campaigns.update(ctx.user.id, id, patch);
      if (!updated) {
        throw new ChaparError(
          'CONFLICT',
          `A ${ctx.campaign.status.toLowerCase()} campaign cannot be edited. Pause it first.`,
        );
      }
      return updated;
    }),

  remove: ownedCampaign.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (!(await ctx.ports.campaigns.remove(ctx.user.id, ctx.campaign.id))) {
      throw new ChaparError('CONFLICT', 'A running campaign cannot be removed. Pause or cancel it first.');
    }
    return { ok: true as const };
  }),

  /**
   * A new DRAFT/READY campaign with the same content, account and recipients (all PENDING).
   * `title` names the copy (the SPA passes one in the user's language); else "<title> (copy)".
   */
  duplicate: ownedCampaign
    .input(z.object({ title: z.string().trim().min(1).max(255).optional() }))
    .output(zCampaign)
    .mutation(async ({ ctx, input }) => {
      const copy = await ctx.ports.campaigns.duplicate(ctx.user.id, ctx.campaign.id, input.title);
      if (!copy) throw notFound('Campaign');
      return copy;
    }),

  addRecipients: authedProcedure
    .input(
      z.object({
        campaignId: zId,
        recipients: z
          .array(
            z.object({
              phone: z.string().max(64),
              name: z.string().trim().max(255).nullish(),
              variables: z.record(z.string().max(64), z.string().max(1000)).nullish(),
            }),
          )
          .min(1, 'Give at least one recipient.')
          .max(MAX_BATCH, `Send at most ${MAX_BATCH} recipients per call, or import a file.`),
      }),
    )
    .output(
      z.object({
        added: z.number().int(),
        skipped: z.number().int(),
        invalid: z.number().int(),
        duplicates: z.number().int(),
        optedOut: z.number().int(),
        rejected: z.array(z.object({ index: z.number().int(), value: z.string(), reason: z.string() })),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const campaign = await ctx.ports.campaigns.get(ctx.user.id, input.campaignId);
      if (!campaign) throw notFound('Campaign');
      if (!EDITABLE_STATUSES.includes(campaign.status)) {
        throw new ChaparError(
          'CONFLICT',
          `Recipients cannot be added to a ${campaign.status.toLowerCase()} campaign.`,
        );
      }
      const country = ctx.user.defaultCountry as CountryCode;
      const rows: NewRecipient[] = [];
      const seen = new Set<string>();
      const rejected: Array<{ index: number; value: string; reason: string }> = [];
      let invalid = 0;
      let batchDuplicates = 0;
      input.recipients.forEach((r, index) => {
        const phone = normalizePhone(r.phone, country);
        if (!phone.ok) {
          invalid++;
          if (rejected.length < MAX_REPORTED_REJECTIONS)
            rejected.push({ index, value: r.phone, reason: phone.reason });
          return;
        }
        if (seen.has(phone.e164)) {
          batchDuplicates++;
          return;
        }
        seen.add(phone.e164);
        rows.push({
          phone: phone.e164,
          name: (r.name && stripBidiControls(r.name).trim()) || null,
          variables: r.variables ? withoutBidiControls(r.variables) : null,
        });
      });
      const stored = rows.length
        ? await ctx.ports.campaigns.addRecipients(ctx.user.id, campaign.id, rows)
        : { added: 0, duplicates: 0, optedOut: 0 };
      const duplicates = batchDuplicates + stored.duplicates;
      return {
        added: stored.added,
        skipped: duplicates + stored.optedOut,
        invalid,
        duplicates,
        optedOut: stored.optedOut,
        rejected,
      };
    }),

  /**
   * A CSV, TSV or XLSX file (FormData: campaignId, file, optional mapping JSON
   * `{ phone, name?, skipHeader? }` and sheet). All or nothing: a failed import stores nothing.
   */
  importRecipients: authedProcedure
    .input(zFormData)
    .output(zImportReport)
    .mutation(async ({ ctx, input }) => {
      const campaignId = formId(input, 'campaignId');
      const campaign = await ctx.ports.campaigns.get(ctx.user.id, campaignId);
      if (!campaign) throw notFound('Campaign');
      if (!EDITABLE_STATUSES.includes(campaign.status)) {
        throw new ChaparError(
          'CONFLICT',
          `Recipients cannot be added to a ${campaign.status.toLowerCase()} campaign.`,
        );
      }
      const file = formFile(input);
      const sheet = formText(input, 'sheet');
      return ctx.ports.imports.importFile({
        userId: ctx.user.id,
        campaignId,
        file,
        mapping: formJson(input, 'mapping', zMapping),
        sheet: sheet !== null && /^\d+$/.test(sheet) ? Number(sheet) : sheet,
        defaultCountry: ctx.user.defaultCountry,
      });
    }),

  /**
   * The columns `importRecipients` would take from a file (FormData: file, optional mapping
   * and sheet as there), read from its first rows, with a few of them: the wizard shows them
   * and lets the user change the mapping before anything is stored. Stores nothing.
   */
  previewImport: authedProcedure
    .input(zFormData)
    .output(zImportPreview)
    .mutation(async ({ ctx, input }) => {
      const sheet = formText(input, 'sheet');
      return ctx.ports.imports.previewFile({
        file: formFile(input),
        mapping: formJson(input, 'mapping', zMapping),
        sheet: sheet !== null && /^\d+$/.test(sheet) ? Number(sheet) : sheet,
        defaultCountry: ctx.user.defaultCountry,
      });
    }),

  /** The message exactly as one recipient (the first by default) will get it. */
  preview: ownedCampaign
    .input(z.object({ recipientId: zId.optional(), message: z.string().max(4096).optional() }))
    .output(
      z.object({
        text: z.string(),
        recipient: z.object({ id: zId, phone: z.string(), name: z.string().nullable() }).nullable(),
        unknownVariables: z.array(z.string()),
        problems: z.array(
          z.object({ message: z.string(), line: z.number().int(), column: z.number().int() }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const message = input.message ?? ctx.campaign.message;
      const recipient = await ctx.ports.campaigns.recipient(ctx.campaign.id, input.recipientId);
      if (input.recipientId && !recipient) throw notFound('Recipient');
      const parsed = parseTemplate(message);
      const values = {
        name: recipient?.name ?? null,
        phone: recipient?.phone ?? null,
        ...(recipient?.variables ?? {}),
      };
      return {
        text: renderTemplate(parsed.template, values, { seed: recipient?.id ?? 0 }),
        recipient: recipient ? { id: recipient.id, phone: recipient.phone, name: recipient.name } : null,
        unknownVariables: findUnknownVariables(message, ctx.campaign.variableKeys),
        problems: parsed.problems.map(({ message: m, line, column }) => ({ message: m, line, column })),
      };
    }),

  /** One image, video, audio or document sent with every message (FormData: campaignId, file). */
  attachMedia: authedProcedure
    .input(zFormData)
    .output(zCampaign)
    .mutation(async ({ ctx, input }) => {
      const campaignId = formId(input, 'campaignId');
      const file = formFile(input);
      return ctx.ports.media.attach(ctx.user.id, campaignId, file, (file as File).name || 'attachment');
    }),

  detachMedia: ownedCampaign.output(zCampaign).mutation(async ({ ctx }) => {
    const campaign = await ctx.ports.media.detach(ctx.user.id, ctx.campaign.id);
    if (!campaign)
      throw new ChaparError(
        'CONFLICT',
        'The attachment of a running campaign cannot change. Pause it first.',
      );
    return campaign;
  }),

  /**
   * Keyset pages: `cursor` is the previous page's last id in any sort order. `statuses`
   * filters by several statuses at once (a tab); `search` matches digits inside the number
   * or text inside the name.
   */
  recipients: authedProcedure
    .input(
      z.object({
        campaignId: zId,
        status: zRecipientStatus.optional(),
        statuses: z.array(zRecipientStatus).max(RECIPIENT_STATUSES.length).optional(),
        search: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
        sort: z
          .object({
            by: z.enum(['id', 'phone', 'name', 'sentAt', 'status']),
            dir: z.enum(['asc', 'desc']).default('asc'),
          })
          .optional(),
        cursor: zCursor,
        limit: z.number().int().min(1).max(500).default(50),
      }),
    )
    .output(page(zRecipient))
    .query(async ({ ctx, input }) => {
      if (!(await ctx.ports.campaigns.get(ctx.user.id, input.campaignId))) throw notFound('Campaign');
      return ctx.ports.campaigns.recipients(input.campaignId, input);
    }),

  start: ownedCampaign
    .input(z.object({ scheduledAt: z.coerce.date().nullish() }))
    .output(zCampaign)
    .mutation(async ({ ctx, input }) => {
      const { campaign } = ctx;
      if (campaign.status === 'DRAFT') {
        const missing = campaign.totalRecipients === 0 ? 'recipients' : 'a WhatsApp account';
        throw new ChaparError('BAD_REQUEST', `The campaign is not ready to start: add ${missing} first.`);
      }
      if (campaign.status !== 'READY')
        throw new ChaparError('CONFLICT', transitionRefusal(campaign.status, 'start'));
      if ((await ctx.ports.campaigns.pendingCount(campaign.id)) === 0) {
        throw new ChaparError('BAD_REQUEST', 'There is nobody left to send to: add recipients first.');
      }
      checkMessage(campaign);
      const now = ctx.ports.clock.now();
      if (input.scheduledAt && input.scheduledAt.getTime() > now.getTime()) {
        if (input.scheduledAt.getTime() > now.getTime() + 365 * 86_400_000) {
          throw new ChaparError('BAD_REQUEST', 'Schedule the campaign within the next year.', 'scheduledAt');
        }
        if (!(await ctx.ports.subscriptions.usable(ctx.user.id))) {
          throw new ChaparError(
            'PRECONDITION_FAILED',
            'You have no active subscription with messages left. Buy or renew a package to send.',
          );
        }
        requireVerifiedPhone(ctx);
        return transitionOrExplain(ctx, campaign, 'schedule', { scheduledAt: input.scheduledAt });
      }
      await requireSendable(ctx, campaign);
      return transitionOrExplain(ctx, campaign, 'start');
    }),

  pause: ownedCampaign
    .output(zCampaign)
    .mutation(({ ctx }) =>
      transitionOrExplain(ctx, ctx.campaign, 'pause', { pausedReason: 'Paused by you.', pauseCause: 'USER' }),
    ),

  resume: ownedCampaign.output(zCampaign).mutation(async ({ ctx }) => {
    if (ctx.campaign.status !== 'PAUSED') {
      throw new ChaparError('CONFLICT', transitionRefusal(ctx.campaign.status, 'resume'));
    }
    await requireSendable(ctx, ctx.campaign);
    checkMessage(ctx.campaign);
    return transitionOrExplain(ctx, ctx.campaign, 'resume');
  }),

  /** Stops for good; recipients not yet sent become SKIPPED. */
  cancel: ownedCampaign
    .output(zCampaign)
    .mutation(({ ctx }) => transitionOrExplain(ctx, ctx.campaign, 'cancel')),

  /** The current counters first, then each change, with ids for resuming after a reconnect. */
  onProgress: ownedCampaign
    .input(z.object({ lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, signal }) {
      const id = ctx.campaign.id;
      for await (const progress of snapshotStream<CampaignProgress>(
        ctx.ports.events,
        topics.campaign(id),
        async () => {
          const current = await ctx.ports.campaigns.progress(id);
          if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'Campaign not found.' });
          return current;
        },
        subscriberSignal(ctx, signal),
      )) {
        // The campaign's version: the same state has the same id on every API process.
        yield tracked(`${id}:${progress.version ?? 0}`, zProgress.parse(progress));
      }
    }),
});
