export type ImportErrorCode =
  | 'EMPTY_FILE'
  | 'TOO_LARGE'
  | 'NOT_A_TABLE'
  | 'SPREADSHEET_BOMB'
  | 'DAMAGED'
  | 'NO_SHEET'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'NO_PHONE_COLUMN'
  | 'BAD_MAPPING';

/**
 * A file that cannot be imported, with a message a person can act on. The API layer maps it
 * to BAD_REQUEST with `message`; `code` is for the SPA and the tests.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  /** The values the message uses (reason `IMPORT_<code>`'s params in the API's error data). */
  readonly params: Record<string, string | number | boolean | readonly string[] | null>;

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown; params?: ImportError['params'] },
  ) {
    super(message, options);
    this.params = options?.params ?? {};
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

/** 52428800 → "50 MB", 2000 → "2 KB" (binary units, as file managers show them). */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${units[unit]}`;
}
