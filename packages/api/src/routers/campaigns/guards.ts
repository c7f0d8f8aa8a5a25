import {
  type CampaignStatus,
  type CampaignTransition,
  EDITABLE_STATUSES,
  findUnknownVariables,
  parseTemplate,
  templateProblemReason,
  transitionRefusal,
} from '@chapar/domain';
import { z } from 'zod';
import { ChaparError, notFound } from '../../errors';
import type { CampaignRecord } from '../../ports';
import { zId } from '../../schemas';
import { authedProcedure, type Context } from '../../trpc';

/** Resolves the campaign only if it belongs to the caller; someone else's is NOT_FOUND. */
export const ownedCampaign = authedProcedure
  .input(z.object({ id: zId }))
  .use(async ({ ctx, input, next }) => {
    const campaign = await ctx.ports.campaigns.get(ctx.user.id, input.id);
    if (!campaign) throw notFound('Campaign');
    return next({ ctx: { campaign } });
  });

export async function requireOwnAccount(ctx: Context & { user: { id: number } }, accountId: number) {
  const account = await ctx.ports.accounts.get(ctx.user.id, accountId);
  if (!account) throw notFound('WhatsApp account', 'whatsappAccountId');
  return account;
}

/** start and resume need a linked account and messages left to send. */
export async function requireSendable(
  ctx: Context & { user: { id: number; phoneVerifiedAt: Date | null } },
  campaign: CampaignRecord,
) {
  if (campaign.whatsappAccountId == null) {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'ACCOUNT_NOT_CHOSEN',
      'Choose a WhatsApp account for this campaign first.',
    );
  }
  const account = await requireOwnAccount(ctx, campaign.whatsappAccountId);
  if (account.status !== 'READY') {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'ACCOUNT_NOT_LINKED',
      `The WhatsApp account "${account.label}" is not linked (${account.status.toLowerCase()}). Connect it first.`,
      { params: { label: account.label, status: account.status } },
    );
  }
  await requireSubscription(ctx);
  requireVerifiedPhone(ctx);
}

/** Sending, now or later, needs an active subscription with messages left. */
export async function requireSubscription(ctx: Context & { user: { id: number } }) {
  if (!(await ctx.ports.subscriptions.usable(ctx.user.id))) {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'NO_ACTIVE_SUBSCRIPTION',
      'You have no active subscription with messages left. Buy or renew a package to send.',
    );
  }
}

/** Only when the server asks for it (REQUIRE_VERIFIED_PHONE); off by default so scripts can send at once. */
export function requireVerifiedPhone(ctx: Context & { user: { phoneVerifiedAt: Date | null } }) {
  if (ctx.ports.verification.phoneRequiredToSend && !ctx.user.phoneVerifiedAt) {
    throw new ChaparError(
      'PRECONDITION_FAILED',
      'PHONE_NOT_VERIFIED',
      'Verify your phone number before sending: Settings → Verify your phone and email.',
    );
  }
}

/** Template mistakes and unknown variables are reported before the start, not at send time. */
export function checkMessage(campaign: CampaignRecord) {
  const { problems } = parseTemplate(campaign.message);
  if (problems[0]) {
    const p = problems[0];
    const { reason, params } = templateProblemReason(campaign.message, p);
    throw new ChaparError(
      'BAD_REQUEST',
      reason,
      `Message, line ${p.line}, column ${p.column}: ${p.message}`,
      {
        params,
        field: 'message',
      },
    );
  }
  const unknown = findUnknownVariables(campaign.message, campaign.variableKeys);
  if (unknown.length > 0) {
    const list = unknown.map((v) => `{{${v}}}`).join(', ');
    throw new ChaparError(
      'BAD_REQUEST',
      'TEMPLATE_UNKNOWN_VARIABLE',
      `The message uses ${list}, which the recipients do not have. Import a column with that name, add a fallback like {{${unknown[0]}|…}}, or remove it.`,
      { params: { variables: unknown }, field: 'message' },
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
  if (!moved) throw transitionRefused(now.status, transition);
  return now;
}

/** CONFLICT: the campaign's state does not allow `transition`. */
export function transitionRefused(status: CampaignStatus, transition: CampaignTransition): ChaparError {
  return new ChaparError('CONFLICT', 'CAMPAIGN_TRANSITION_REFUSED', transitionRefusal(status, transition), {
    params: { status, transition },
  });
}

/** Content and recipients change only while the campaign is not sending (EDITABLE_STATUSES). */
export function requireRecipientsEditable(campaign: CampaignRecord): void {
  if (!EDITABLE_STATUSES.includes(campaign.status)) {
    throw new ChaparError(
      'CONFLICT',
      'RECIPIENTS_NOT_EDITABLE',
      `Recipients cannot be added to a ${campaign.status.toLowerCase()} campaign.`,
      { params: { status: campaign.status } },
    );
  }
}
