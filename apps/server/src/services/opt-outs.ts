import type { OptOutsPort } from '@chapar/api';
import { ChaparError } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { CountryCode } from '@chapar/domain';
import { isImportError } from '../import/errors';
import { addOptOuts, listOptOuts, removeOptOut } from '../repositories/opt-outs';

export function createOptOutsPort(db: Database, limits: { maxBytes: number; tmpDir: string }): OptOutsPort {
  return {
    list: (userId, filter) => listOptOuts(db, userId, filter),
    add: (userId, phones, source) => addOptOuts(db, userId, phones, source),
    remove: (userId, id) => removeOptOut(db, userId, id),
    async importFile(userId, file, defaultCountry) {
      const totals = { rows: 0, added: 0, duplicates: 0, invalid: 0 };
      try {
        const { importRecipientFile } = await import('../import/index');
        for await (const batch of importRecipientFile(file.stream() as unknown as AsyncIterable<Uint8Array>, {
          defaultCountry: defaultCountry as CountryCode,
          maxBytes: limits.maxBytes,
          tmpDir: limits.tmpDir,
        })) {
          // A contact who asked to stop did so on every number they have, not only the one a
          // campaign would take: the valid (E.164) others of a row are opted out too.
          const phones = batch.recipients.map((r) => r.phone);
          for (const row of batch.otherNumbers) phones.push(...row.others.filter((o) => o.startsWith('+')));
          const added = await addOptOuts(db, userId, phones, 'import');
          totals.added += added;
          totals.duplicates += phones.length - added;
          if (batch.done) {
            totals.rows = batch.totals.rows;
            totals.invalid = batch.totals.invalid;
            totals.duplicates += batch.totals.duplicates;
          }
        }
      } catch (error) {
        if (isImportError(error)) throw new ChaparError('BAD_REQUEST', error.message, 'file');
        throw error;
      }
      return totals;
    },
  };
}
