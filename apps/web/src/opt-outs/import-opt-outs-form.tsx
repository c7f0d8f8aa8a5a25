import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { RECIPIENT_FILE_ACCEPT } from '../campaigns/import-file-fields';
import { FileDrop } from '../files/file-drop';
import { useI18n } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type RouterOutputs, trpc } from '../trpc/trpc';

type ImportResult = RouterOutputs['optOuts']['import'];

/** A CSV / TSV / Excel list of numbers; the phone column is found as in recipient imports. */
export function ImportOptOutsForm() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<(ImportResult & { fileName: string }) | null>(null);
  const upload = trpc.optOuts.import.useMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const answer = await upload.mutateAsync(form);
      setResult({ ...answer, fileName: file.name });
      setFile(null);
    } catch {
      // shown from upload.error
    } finally {
      void utils.optOuts.list.invalidate();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="opt-outs-import-title">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h5" id="opt-outs-import-title">
            {t('optOuts.import.title')}
          </Title>
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
          {upload.error && (
            <Alert color="red" title={t('import.failed')} role="alert">
              <bdi>{errorMessage(upload.error, t('errors.offline'))}</bdi>
            </Alert>
          )}
          {result && (
            <Alert
              color={result.invalid > 0 ? 'yellow' : 'teal'}
              title={t('import.report.titleFile', { file: result.fileName })}
              withCloseButton
              closeButtonLabel={t('common.close')}
              onClose={() => setResult(null)}
              data-testid="opt-outs-import-result"
            >
              <Text size="sm">
                {t('optOuts.import.result', {
                  rows: result.rows,
                  added: result.added,
                  duplicates: result.duplicates,
                  invalid: result.invalid,
                })}
              </Text>
            </Alert>
          )}
          <Group>
            <Button
              type="submit"
              variant="light"
              leftSection={<IconFileImport size={16} aria-hidden />}
              loading={upload.isPending}
              disabled={!file}
            >
              {t('import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
