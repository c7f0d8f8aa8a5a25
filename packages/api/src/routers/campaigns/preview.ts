import {
  blankVariables,
  findUnknownVariables,
  parseTemplate,
  renderTemplate,
  templateProblemReason,
} from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import { zId, zReason } from '../../schemas';
import { ownedCampaign } from './guards';

/** The message exactly as one recipient (the first by default) will get it. */
export const preview = ownedCampaign
  .input(z.object({ recipientId: zId.optional(), message: z.string().max(4096).optional() }))
  .output(
    z.object({
      text: z.string(),
      recipient: z.object({ id: zId, phone: z.string(), name: z.string().nullable() }).nullable(),
      unknownVariables: z.array(z.string()),
      /** Variables without a fallback this recipient's values leave blank ("Hi , …"), as written. */
      blankVariables: z.array(z.string()),
      problems: z.array(
        z.object({
          message: z.string(),
          line: z.number().int(),
          column: z.number().int(),
          /** TEMPLATE_<the parser's code>, with `{ line, column, snippet }`. */
          reason: zReason,
          params: z.record(z.string(), z.unknown()),
        }),
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
      blankVariables: recipient ? blankVariables(parsed.template, values, ctx.campaign.variableKeys) : [],
      problems: parsed.problems.map((p) => ({
        message: p.message,
        line: p.line,
        column: p.column,
        ...templateProblemReason(message, p),
      })),
    };
  });
