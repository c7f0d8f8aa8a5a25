import type { ImportReport, RecipientsReport } from '../trpc/trpc';
import type { RecipientRow } from './recipients-parse';

/** The server's answers for every batch of one import, with rejections pointing at textarea lines. */
export interface ImportOutcome {
  added: number;
  skipped: number;
  invalid: number;
  duplicates: number;
  optedOut: number;
  rejected: Array<{ line: number; value: string; reason: string; problem?: string }>;
}

export const EMPTY_OUTCOME: ImportOutcome = {
  added: 0,
  skipped: 0,
  invalid: 0,
  duplicates: 0,
  optedOut: 0,
  rejected: [],
};

/** Adds one `addRecipients` answer for `batch` (whose `index`es it refers to) to the outcome. */
export function addReport(
  outcome: ImportOutcome,
  report: RecipientsReport,
  batch: readonly RecipientRow[],
): ImportOutcome {
  return {
    added: outcome.added + report.added,
    skipped: outcome.skipped + report.skipped,
    invalid: outcome.invalid + report.invalid,
    duplicates: outcome.duplicates + report.duplicates,
    optedOut: outcome.optedOut + report.optedOut,
    rejected: [
      ...outcome.rejected,
      ...report.rejected.map((r) => ({
        line: batch[r.index]?.line ?? r.index + 1,
        value: r.value,
        reason: r.reason,
        problem: r.problem,
      })),
    ],
  };
}

/** The router state a page may carry to show an import's outcome on arrival. */
export function outcomeFromState(state: unknown): ImportOutcome | null {
  const outcome = (state as { importOutcome?: ImportOutcome } | null)?.importOutcome;
  return outcome && typeof outcome.added === 'number' ? outcome : null;
}

/** A file import done before arriving (the create form imports, then opens the campaign). */
export interface FileImport {
  report: ImportReport;
  fileName: string;
}

/** The router state's file import report, if it carries one. */
export function fileImportFromState(state: unknown): FileImport | null {
  const value = (state as { fileImport?: FileImport } | null)?.fileImport;
  return value && typeof value.report?.added === 'number' && Array.isArray(value.report.rejected)
    ? value
    : null;
}

/** Why an import made before arriving failed (the campaign was created all the same). */
export function importErrorFromState(state: unknown): string | null {
  const value = (state as { importError?: unknown } | null)?.importError;
  return typeof value === 'string' && value !== '' ? value : null;
}
