import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import type { ImportReport } from '../trpc/trpc';
import type { ColumnMapping } from './import-file-columns';
import { ImportFileFields } from './import-file-fields';
import { ImportProgress } from './import-progress';
import { useImportFile } from './use-import-file';

/** Imports a CSV / TSV / Excel file into a campaign; a refused file is explained in an alert. */
export function ImportFileForm(props: {
  campaignId: number;
  onImported(report: ImportReport, fileName: string): void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const { importFile, progress, pending, error, reset } = useImportFile();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    try {
      const report = await importFile(props.campaignId, file, sheet, mapping);
      props.onImported(report, file.name);
      setFile(null);
      setSheet('');
      setMapping(null);
    } catch {
      // shown below from `error`
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('import.title')}>
      <Stack gap="sm">
        <ImportFileFields
          file={file}
          onFile={(f) => {
            setFile(f);
            setMapping(null);
            reset();
          }}
          sheet={sheet}
          onSheet={(s) => {
            setSheet(s);
            setMapping(null);
          }}
          mapping={mapping}
          onMapping={setMapping}
          disabled={pending}
        />
        <ImportProgress progress={progress} />
        {error && (
          <Alert color="red" title={t('import.failed')} role="alert">
            <bdi>{errorMessage(error, t('errors.offline'))}</bdi>
          </Alert>
        )}
        <Group>
          <Button
            type="submit"
            variant="light"
            leftSection={<IconFileImport size={16} aria-hidden />}
            loading={pending}
            disabled={!file}
          >
            {t('import.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
