import { type CountryCode, normalizePhone, type PhoneProblem, stripBidiControls } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import type { NewRecipient } from '../../ports';
import { zId, zPhoneProblem } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { requireRecipientsEditable } from './guards';
import { MAX_BATCH, MAX_REPORTED_REJECTIONS } from './schemas';

/** Imported columns as stored: bidi controls go at ingest, as in a file import. */
function withoutBidiControls(variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [stripBidiControls(key), stripBidiControls(value)]),
  );
}

export const addRecipients = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/v1/campaigns/{campaignId}/recipients',
      tags: ['Recipients'],
      summary: 'Add recipients (numbers are normalised to E.164)',
      protect: true,
    },
  })
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
      rejected: z.array(
        z.object({
          index: z.number().int(),
          value: z.string(),
          reason: z.string(),
          problem: zPhoneProblem,
        }),
      ),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const campaign = await ctx.ports.campaigns.get(ctx.user.id, input.campaignId);
    if (!campaign) throw notFound('Campaign');
    requireRecipientsEditable(campaign);
    const country = ctx.user.defaultCountry as CountryCode;
    const rows: NewRecipient[] = [];
    const seen = new Set<string>();
    const rejected: Array<{ index: number; value: string; reason: string; problem: PhoneProblem }> = [];
    let invalid = 0;
    let batchDuplicates = 0;
    input.recipients.forEach((r, index) => {
      const phone = normalizePhone(r.phone, country);
      if (!phone.ok) {
        invalid++;
        if (rejected.length < MAX_REPORTED_REJECTIONS)
          rejected.push({ index, value: r.phone, reason: phone.reason, problem: phone.problem });
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
  });
