import { formFile, formJson, formText, zFormData } from '../../form-data';
import { zImportPreview } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zMapping } from './schemas';

/**
 * The columns `importRecipients` would take from a file (FormData: file, optional mapping
 * and sheet as there), read from its first rows, with a few of them: the wizard shows them
 * and lets the user change the mapping before anything is stored. Stores nothing.
 */
export const previewImport = authedProcedure
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
  });
