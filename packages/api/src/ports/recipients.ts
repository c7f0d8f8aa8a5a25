import type { PhoneProblem } from '@chapar/domain';
import type { Page } from './page';

export interface ColumnMappingInput {
  /** 0-based column index or the header text. */
  phone: number | string;
  name?: number | string | null;
  skipHeader?: boolean;
}

export interface ImportReport {
  rows: number;
  added: number;
  duplicates: number;
  invalid: number;
  optedOut: number;
  /** The first rejected rows (up to 10,000); `rejectedTotal` counts them all. */
  rejected: Array<{ line: number; value: string; reason: string; problem: PhoneProblem }>;
  rejectedTotal: number;
  /** Variable names the file brought (its other columns). */
  columns: string[];
  /** Rows that held several numbers (up to 10,000): `phone` was imported, `others` were not. */
  otherNumbers: Array<{ line: number; phone: string; others: string[] }>;
  otherNumbersTotal: number;
  /** Which columns the numbers and names were taken from, and how they were found. */
  columnChoice: { detectedBy: 'mapping' | 'header' | 'content'; phone: string[]; name: string[] };
}

/** The columns an import of a file would take, read from its first rows; nothing stored. */
export interface ImportPreview {
  /** The header row's line, or null when the file has none. */
  headerLine: number | null;
  /** Every column of the header or the first rows, with what the wizard calls it. */
  columns: Array<{ index: number; label: string }>;
  /** The columns an import without a mapping would use. */
  phone: number;
  /** The phone column and its fallbacks for rows where it is empty. */
  phones: number[];
  name: number | null;
  /** The columns joined into the name (first, middle, last), [] for none. */
  nameParts: number[];
  detectedBy: 'mapping' | 'header' | 'content';
  /** The first data rows, cells cut to 100 characters. */
  sample: Array<{ line: number; cells: string[] }>;
}

/** Recipient files (CSV, TSV, XLSX, ODS, vCard) into a campaign, atomically: a failed import stores nothing. */
export interface RecipientImportPort {
  previewFile(input: {
    file: Blob;
    mapping: ColumnMappingInput | null;
    sheet: string | number | null;
    defaultCountry: string;
  }): Promise<ImportPreview>;
  importFile(input: {
    userId: number;
    campaignId: number;
    file: Blob;
    mapping: ColumnMappingInput | null;
    sheet: string | number | null;
    defaultCountry: string;
  }): Promise<ImportReport>;
}

export interface OptOutRecord {
  id: number;
  phone: string;
  source: string;
  createdAt: Date;
}

export interface OptOutsPort {
  list(
    userId: number,
    filter: { search?: string; cursor?: number | null; limit: number },
  ): Promise<Page<OptOutRecord>>;
  /** Adds E.164 numbers; answers how many were new. */
  add(userId: number, phones: string[], source: string): Promise<number>;
  remove(userId: number, id: number): Promise<boolean>;
  importFile(
    userId: number,
    file: Blob,
    defaultCountry: string,
  ): Promise<{ rows: number; added: number; duplicates: number; invalid: number }>;
}
