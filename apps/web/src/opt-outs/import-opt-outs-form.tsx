import { Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { RECIPIENT_FILE_ACCEPT } from '../campaigns/import-file-fields';
import { FileDrop } from '../files/file-drop';
import { useI18n } from '../i18n/i18n-provider';
import { type RouterOutputs, trpc } from '../trpc/trpc';
import { OptOutFormCard, OptOutsReport, useSubmitAndRefresh } from './opt-out-form-card';

type ImportResult = RouterOutputs['optOuts']['import'];

/** A CSV / TSV / Excel list of numbers; the phone column is found as in recipient imports. */
export function ImportOptOutsForm() {
  const { t } = useI18n();
  const submitAndRefresh = useSubmitAndRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<(ImportResult & { fileName: string }) | null>(null);
  const upload = trpc.optOuts.import.useMutation();

  const submit = async () => {
    if (!file) return;
    setResult(null);
    const form = new FormData();
    form.append('file', file, file.name);
    await submitAndRefresh(async () => {
      const answer = await upload.mutateAsync(form);
      setResult({ ...answer, fileName: file.name });
      setFile(null);
    });
  };

  return (
    <OptOutFormCard
      titleId="opt-outs-import-title"
      title={t('optOuts.import.title')}
      onSubmit={submit}
      error={upload.error}
      errorTitle={t('import.failed')}
      report={
        result && (
          <OptOutsReport
            warn={result.invalid > 0}
            title={t('import.report.titleFile', { file: result.fileName })}
            testId="opt-outs-import-result"
            onClose={() => setResult(null)}
          >
            <Text size="sm">
              {t('optOuts.import.result', {
                rows: result.rows,
                added: result.added,
                duplicates: result.duplicates,
                invalid: result.invalid,
              })}
            </Text>
          </OptOutsReport>
        )
      }
      submitLabel={t('import.submit')}
      submitIcon={<IconFileImport size={16} aria-hidden />}
      pending={upload.isPending}
      empty={!file}
    >
      <FileDrop
        label={t('import.file')}
        description={t('optOuts.import.hint')}
        accept={RECIPIENT_FILE_ACCEPT}
        value={file}
        onChange={(f) => {
          setFile(f);
          upload.reset();
        }}
        disabled={upload.isPending}
      />
    </OptOutFormCard>
  );
}
