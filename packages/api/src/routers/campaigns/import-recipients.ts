import { notFound } from '../../errors';
import { formFile, formId, formJson, formText, zFormData } from '../../form-data';
import { zImportReport } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { requireRecipientsEditable } from './guards';
import { zMapping } from './schemas';

/**
 * A CSV, TSV or XLSX file (FormData: campaignId, file, optional mapping JSON
 * `{ phone, name?, skipHeader? }` and sheet). All or nothing: a failed import stores nothing.
 */
export const importRecipients = authedProcedure
  .input(zFormData)
  .output(zImportReport)
  .mutation(async ({ ctx, input }) => {
    const campaignId = formId(input, 'campaignId');
    const campaign = await ctx.ports.campaigns.get(ctx.user.id, campaignId);
    if (!campaign) throw notFound('Campaign');
    requireRecipientsEditable(campaign);
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
  });
