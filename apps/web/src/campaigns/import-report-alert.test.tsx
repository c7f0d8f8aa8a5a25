import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { downloadText } from '../files/download';
import type { ImportReport } from '../trpc/trpc';
import { ImportReportAlert, SHOWN_REJECTED_ROWS } from './import-report-alert';

vi.mock('../files/download', () => ({ downloadText: vi.fn() }));

afterEach(() => vi.mocked(downloadText).mockClear());

const rejected = Array.from({ length: 25 }, (_, i) => ({
  line: i + 2,
  value: i === 0 ? '=1+1' : `bad-${i}`,
  reason: 'not a valid phone number',
}));

const report: ImportReport = {
  rows: 130,
  added: 100,
  duplicates: 3,
  invalid: 25,
  optedOut: 2,
  rejected,
  rejectedTotal: 25,
  columns: ['city', 'شهر'],
  otherNumbers: [],
  otherNumbersTotal: 0,
  columnChoice: { detectedBy: 'header', phone: ['phone'], name: [] },
};

describe('ImportReportAlert', () => {
  it('shows the totals and the columns usable as variables', () => {
    renderWithProviders(<ImportReportAlert report={report} fileName="customers.xlsx" />, { language: 'en' });
    expect(screen.getByText('Imported “customers.xlsx”')).toBeTruthy();
    expect(screen.getByTestId('import-report-summary').textContent).toBe(
      '130 rows read: 100 added, 3 already in the list, 2 opted out, 25 invalid.',
    );
    expect(screen.getByText('{{city}}')).toBeTruthy();
    expect(screen.getByText('{{شهر}}')).toBeTruthy();
  });

  it('says a header-only file imported nothing, instead of "Imported" with zeros', () => {
    const headerOnly: ImportReport = {
      ...report,
      rows: 0,
      added: 0,
      duplicates: 0,
      invalid: 0,
      optedOut: 0,
      rejected: [],
      rejectedTotal: 0,
      columns: [],
    };
    renderWithProviders(<ImportReportAlert report={headerOnly} fileName="empty.csv" />, { language: 'en' });
    expect(screen.getByText('Nothing imported from “empty.csv”')).toBeTruthy();
    expect(screen.queryByText(/Imported/)).toBeNull();
    expect(screen.getByTestId('import-report-summary').textContent).toBe(
      'The file has no rows below its header.',
    );
  });

  it('shows which columns were used and the numbers of a contact that were not added', () => {
    const several: ImportReport = {
      ...report,
      otherNumbers: [{ line: 4, phone: '+989121234567', others: ['+982188887777', '+989351112233'] }],
      otherNumbersTotal: 1,
      columnChoice: {
        detectedBy: 'header',
        phone: ['Mobile Phone', 'Home Phone'],
        name: ['First Name', 'Last Name'],
      },
    };
    renderWithProviders(<ImportReportAlert report={several} />, { language: 'en' });
    expect(screen.getByTestId('import-column-choice').textContent).toBe(
      'Numbers from Mobile Phone, Home Phone; names from First Name + Last Name.',
    );
    const table = screen.getByRole('table', { name: /several numbers/ });
    const cells = within(within(table).getAllByRole('row')[1] as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['4', '+989121234567', '+982188887777, +989351112233']);
  });

  it('lists only the first rejected rows, saying how many there are', () => {
    renderWithProviders(<ImportReportAlert report={report} />, { language: 'en' });
    const table = screen.getByRole('table', { name: 'Rejected rows' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(SHOWN_REJECTED_ROWS + 1); // with the header row
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '=1+1', 'not a valid phone number']);
    expect(screen.getByText('The first 10 of 25 rejected rows')).toBeTruthy();
  });

  it('downloads every reported rejected row as a neutralised CSV', () => {
    renderWithProviders(<ImportReportAlert report={report} fileName="customers.xlsx" />, { language: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Download rejected rows' }));
    expect(downloadText).toHaveBeenCalledTimes(1);
    const [name, csv] = vi.mocked(downloadText).mock.calls[0] ?? [];
    expect(name).toBe('customers-rejected.csv');
    const lines = (csv ?? '')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Line,Value,Reason');
    expect(lines[1]).toBe("2,'=1+1,not a valid phone number");
    expect(lines).toHaveLength(26);
  });

  it('says when the server kept fewer rejected rows than it refused', () => {
    renderWithProviders(
      <ImportReportAlert report={{ ...report, rejected: rejected.slice(0, 20), rejectedTotal: 40_000 }} />,
      { language: 'en' },
    );
    expect(screen.getByText('The download holds the first 20 of 40,000.')).toBeTruthy();
  });

  it('shows no table or download when nothing was rejected', () => {
    renderWithProviders(
      <ImportReportAlert report={{ ...report, invalid: 0, rejected: [], rejectedTotal: 0, columns: [] }} />,
      { language: 'en' },
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Download rejected rows' })).toBeNull();
  });

  it('speaks Persian, with Persian digits', () => {
    renderWithProviders(<ImportReportAlert report={report} />, { language: 'fa' });
    expect(screen.getByTestId('import-report-summary').textContent).toContain('۱۳۰ ردیف خوانده شد');
    expect(screen.getByRole('button', { name: 'دانلود ردیف‌های رد شده' })).toBeTruthy();
  });

  it('closes when asked', () => {
    const onClose = vi.fn();
    renderWithProviders(<ImportReportAlert report={report} onClose={onClose} />, { language: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
