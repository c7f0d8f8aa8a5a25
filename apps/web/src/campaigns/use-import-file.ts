import { useState } from 'react';
import { type ImportReport, trpc } from '../trpc/trpc';
import { onUploadProgress } from '../trpc/upload-progress';
import type { ColumnMapping } from './import-file-columns';

/**
 * Builds the FormData `campaigns.importRecipients` takes, the file last: the server then
 * parses it as it streams in (any order works, more slowly).
 */
export function importFormData(
  campaignId: number,
  file: File,
  sheet?: string | null,
  mapping?: ColumnMapping | null,
): FormData {
  const form = new FormData();
  form.append('campaignId', String(campaignId));
  const trimmed = sheet?.trim();
  if (trimmed) form.append('sheet', trimmed);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return form;
}

/** Uploads a recipients file to a campaign; the campaign, its recipients and previews refresh after. */
export function useImportFile() {
  const utils = trpc.useUtils();
  const mutation = trpc.campaigns.importRecipients.useMutation();
  /** Share of the file sent (and so read by the server), 0–1; null while not importing. */
  const [progress, setProgress] = useState<number | null>(null);

  async function importFile(
    campaignId: number,
    file: File,
    sheet?: string | null,
    mapping?: ColumnMapping | null,
  ): Promise<ImportReport> {
    setProgress(0);
    const stop = onUploadProgress((sent, total) => setProgress(total > 0 ? Math.min(1, sent / total) : 0));
    try {
      return await mutation.mutateAsync(importFormData(campaignId, file, sheet, mapping));
    } finally {
      stop();
      setProgress(null);
      await Promise.all([
        utils.campaigns.get.invalidate({ id: campaignId }),
        utils.campaigns.recipients.invalidate({ campaignId }),
        utils.campaigns.preview.invalidate({ id: campaignId }),
      ]);
    }
  }

  return { importFile, progress, pending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
