import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import type { ImportReport } from '../trpc/trpc';
import { ImportFileForm } from './import-file-form';

const report: ImportReport = {
  rows: 2,
  added: 2,
  duplicates: 0,
  invalid: 0,
  optedOut: 0,
  rejected: [],
  rejectedTotal: 0,
  columns: [],
  otherNumbers: [],
  otherNumbersTotal: 0,
  columnChoice: { detectedBy: 'header', phone: ['phone'], name: [] },
};

/** The picker's own input: Mantine's FileInput keeps a hidden one. */
function chooseFile(file: File) {
  const input = document.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [file] } });
}

describe('ImportFileForm', () => {
  it('uploads the file, the campaign id and the sheet as FormData', async () => {
    let sent: FormData | null = null;
    const onImported = vi.fn();
    renderWithProviders(<ImportFileForm campaignId={7} onImported={onImported} />, {
      language: 'en',
      api: {
        'campaigns.importRecipients': (input) => {
          sent = input as FormData;
          return report;
        },
        'campaigns.get': () => null,
        'campaigns.recipients': () => ({ items: [], nextCursor: null }),
        'campaigns.preview': () => null,
      },
    });
    const submit = screen.getByRole('button', { name: 'Import file' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    chooseFile(new File(['phone\n09121234567\n'], 'list.csv', { type: 'text/csv' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Sheet (optional)' }), {
      target: { value: ' Leads ' },
    });
    fireEvent.click(submit);
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(report, 'list.csv'));
    const form = sent as FormData | null;
    expect(form?.get('campaignId')).toBe('7');
    expect((form?.get('file') as File | null)?.name).toBe('list.csv');
    expect(form?.get('sheet')).toBe('Leads');
  });

  it('explains a refused file in an alert', async () => {
    renderWithProviders(<ImportFileForm campaignId={7} onImported={() => {}} />, {
      language: 'en',
      api: {
        'campaigns.importRecipients': () => {
          throw apiError('This file is not a CSV, TSV or Excel file.', 'BAD_REQUEST', 'file');
        },
        'campaigns.get': () => null,
        'campaigns.recipients': () => ({ items: [], nextCursor: null }),
        'campaigns.preview': () => null,
      },
    });
    chooseFile(new File(['%PDF-1.4'], 'scan.pdf'));
    fireEvent.click(screen.getByRole('button', { name: 'Import file' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was not imported');
    expect(alert.textContent).toContain('This file is not a CSV, TSV or Excel file.');
  });
});
