import { Stack, TextInput } from '@mantine/core';
import { FileDrop } from '../files/file-drop';
import { useT } from '../i18n/i18n-provider';
import { type ColumnMapping, ImportFileColumns } from './import-file-columns';

/** What the file picker offers; the server decides the type by the content. */
export const RECIPIENT_FILE_ACCEPT =
  '.csv,.tsv,.txt,.xlsx,.ods,.vcf,text/csv,text/tab-separated-values,text/plain,text/vcard,text/x-vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet';

interface Props {
  file: File | null;
  onFile(file: File | null): void;
  sheet: string;
  onSheet(sheet: string): void;
  disabled?: boolean | undefined;
  error?: string | null | undefined;
  /** The columns chosen for the chosen file (null: as found); offered once a file is chosen. */
  mapping?: ColumnMapping | null;
  onMapping?(mapping: ColumnMapping | null): void;
}

/** The recipients file, for a workbook which sheet to read, and the columns to take from it. */
export function ImportFileFields({
  file,
  onFile,
  sheet,
  onSheet,
  disabled,
  error,
  mapping,
  onMapping,
}: Props) {
  const t = useT();
  return (
    <Stack gap="xs">
      <FileDrop
        label={t('import.file')}
        description={t('import.fileHint')}
        accept={RECIPIENT_FILE_ACCEPT}
        value={file}
        onChange={onFile}
        disabled={disabled}
        error={error}
      />
      <TextInput
        label={t('import.sheet')}
        description={t('import.sheetHint')}
        value={sheet}
        onChange={(e) => onSheet(e.currentTarget.value)}
        disabled={disabled}
        dir="auto"
        maw={320}
      />
      {file && onMapping && (
        <ImportFileColumns
          file={file}
          sheet={sheet}
          mapping={mapping ?? null}
          onMapping={onMapping}
          disabled={disabled}
        />
      )}
    </Stack>
  );
}
