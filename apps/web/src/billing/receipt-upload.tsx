import { Alert, Button, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert } from '../components/form-errors';
import { FileDrop } from '../files/file-drop';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

/** Builds the FormData `billing.submitReceipt` takes. */
export function receiptFormData(paymentId: number, file: File): FormData {
  const form = new FormData();
  form.append('paymentId', String(paymentId));
  form.append('file', file, file.name);
  return form;
}

/** Manual transfers: the receipt's image or PDF, for an administrator to check. */
export function ReceiptUpload({ paymentId }: { paymentId: number }) {
  const t = useT();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const upload = trpc.billing.submitReceipt.useMutation({
    onSuccess: (payment) => {
      utils.billing.payments.get.setData({ id: paymentId }, payment);
      void utils.billing.payments.list.invalidate();
      setFile(null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(receiptFormData(paymentId, file));
  };
  return (
    <form onSubmit={submit} aria-label={t('billing.manual.upload')}>
      <Stack gap="sm">
        <FileDrop
          label={t('billing.manual.file')}
          accept="image/jpeg,image/png,image/webp,application/pdf"
          value={file}
          onChange={(f) => {
            setFile(f);
            upload.reset();
          }}
        />
        <FormErrorAlert message={upload.error ? errorMessage(upload.error, t('errors.offline')) : null} />
        {upload.isSuccess && <Alert color="teal">{t('billing.manual.uploaded')}</Alert>}
        <Button type="submit" disabled={!file} loading={upload.isPending} w="fit-content">
          {t('billing.manual.upload')}
        </Button>
      </Stack>
    </form>
  );
}
