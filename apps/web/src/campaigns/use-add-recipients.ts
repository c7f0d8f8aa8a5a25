import { useState } from 'react';
import { trpc } from '../trpc/trpc';
import type { RecipientRow } from './recipients-parse';
import { addReport, EMPTY_OUTCOME, type ImportOutcome } from './recipients-report';

/** The server takes at most this many recipients per call. */
const BATCH = 10_000;

/** Sends the rows in batches the server accepts and adds up what it reports. */
export function useAddRecipients() {
  const utils = trpc.useUtils();
  const mutation = trpc.campaigns.addRecipients.useMutation();
  const [pending, setPending] = useState(false);

  async function add(campaignId: number, rows: readonly RecipientRow[]): Promise<ImportOutcome> {
    setPending(true);
    try {
      let outcome = EMPTY_OUTCOME;
      for (let offset = 0; offset < rows.length; offset += BATCH) {
        const batch = rows.slice(offset, offset + BATCH);
        const report = await mutation.mutateAsync({
          campaignId,
          recipients: batch.map(({ phone, name }) => ({ phone, name })),
        });
        outcome = addReport(outcome, report, batch);
      }
      return outcome;
    } finally {
      setPending(false);
      await Promise.all([
        utils.campaigns.get.invalidate({ id: campaignId }),
        utils.campaigns.recipients.invalidate({ campaignId }),
        utils.campaigns.preview.invalidate({ id: campaignId }),
      ]);
    }
  }

  return { add, pending };
}
