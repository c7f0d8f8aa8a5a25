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

  it('shows the columns the server found and sends the ones the user chose', async () => {
    let sent: FormData | null = null;
    let previewed: FormData | null = null;
    const onImported = vi.fn();
    renderWithProviders(<ImportFileForm campaignId={7} onImported={onImported} />, {
      language: 'en',
      api: {
        'campaigns.previewImport': (input) => {
          previewed = input as FormData;
          return {
            headerLine: 1,
            columns: [
              { index: 0, label: 'Mobile' },
              { index: 1, label: 'Name' },
              { index: 2, label: 'Nickname' },
            ],
            phone: 0,
            phones: [0],
            name: 1,
            nameParts: [1],
            detectedBy: 'header',
            sample: [{ line: 2, cells: ['09121234567', 'Ali Rezaei', 'Ali jan'] }],
          };
        },
        'campaigns.importRecipients': (input) => {
          sent = input as FormData;
          return report;
        },
        'campaigns.get': () => null,
        'campaigns.recipients': () => ({ items: [], nextCursor: null }),
        'campaigns.preview': () => null,
      },
    });
    chooseFile(new File(['Mobile,Name,Nickname\n09121234567,Ali Rezaei,Ali jan\n'], 'list.csv'));
    const phone = (await screen.findByRole('combobox', { name: 'Phone column' })) as HTMLSelectElement;
    const name = screen.getByRole('combobox', { name: 'Name column' }) as HTMLSelectElement;
    expect((previewed as FormData | null)?.get('file')).toBeInstanceOf(File);
    expect(phone.value).toBe('0');
    expect(name.value).toBe('1');
    expect(screen.getByRole('table', { name: 'The first rows of the file' }).textContent).toContain(
      'Ali jan',
    );
    // The phone column is not offered as the name.
    expect(Array.from(name.options).map((o) => o.text)).toEqual(['Name', 'Nickname', 'No name']);

    fireEvent.change(name, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import file' }));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    const form = sent as FormData | null;
    expect(JSON.parse(String(form?.get('mapping')))).toEqual({ phone: 0, name: 2, skipHeader: true });
  });

  it('sends no mapping when the user keeps what the server found', async () => {
    let sent: FormData | null = null;
    renderWithProviders(<ImportFileForm campaignId={7} onImported={() => {}} />, {
      language: 'en',
      api: {
        'campaigns.previewImport': () => ({
          headerLine: null,
          columns: [
            { index: 0, label: 'Column 1' },
            { index: 1, label: 'Column 2' },
          ],
          phone: 1,
          phones: [1],
          name: 0,
          nameParts: [0],
          detectedBy: 'content',
          sample: [{ line: 1, cells: ['Ali', '09121234567'] }],
        }),
        'campaigns.importRecipients': (input) => {
          sent = input as FormData;
          return report;
        },
        'campaigns.get': () => null,
        'campaigns.recipients': () => ({ items: [], nextCursor: null }),
        'campaigns.preview': () => null,
      },
    });
    chooseFile(new File(['Ali,09121234567\n'], 'list.csv'));
    const name = (await screen.findByRole('combobox', { name: 'Name column' })) as HTMLSelectElement;
    fireEvent.change(name, { target: { value: 'none' } });
    fireEvent.change(name, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import file' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect((sent as FormData | null)?.get('mapping')).toBeNull();
  });
});
