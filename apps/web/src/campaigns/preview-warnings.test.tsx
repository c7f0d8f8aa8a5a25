import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { PreviewWarnings } from './preview-warnings';

const problem = {
  message: '"{{" at line 2, column 7 is not closed: add "}}" after the variable name.',
  line: 2,
  column: 7,
};

describe('PreviewWarnings', () => {
  it('shows nothing for a sound message', () => {
    renderWithProviders(<PreviewWarnings unknownVariables={[]} problems={[]} />, { language: 'en' });
    expect(screen.queryByTestId('preview-problems')).toBeNull();
    expect(screen.queryByTestId('preview-unknown')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists template mistakes with their line and column', () => {
    renderWithProviders(<PreviewWarnings unknownVariables={[]} problems={[problem]} />, { language: 'en' });
    const alert = screen.getByTestId('preview-problems');
    expect(within(alert).getByText('The message has mistakes')).toBeTruthy();
    expect(alert.textContent).toContain(`Line 2, column 7: ${problem.message}`);
    expect(screen.queryByTestId('preview-unknown')).toBeNull();
  });

  it('says the template mistake in Persian in the Persian interface', () => {
    renderWithProviders(<PreviewWarnings unknownVariables={[]} problems={[problem]} />, { language: 'fa' });
    const alert = screen.getByTestId('preview-problems');
    expect(alert.textContent).toContain('بسته نشده است');
    expect(alert.textContent).not.toContain('is not closed');
  });

  it('lists unknown variables with a fallback suggestion for the first', () => {
    renderWithProviders(<PreviewWarnings unknownVariables={['city', 'شهر']} problems={[]} />, {
      language: 'en',
    });
    const alert = screen.getByTestId('preview-unknown');
    expect(within(alert).getByText('{{city}}')).toBeTruthy();
    expect(within(alert).getByText('{{شهر}}')).toBeTruthy();
    expect(alert.textContent).toContain('add a fallback like {{city|…}}');
  });

  it('shows both at once, and a caller’s own advice', () => {
    renderWithProviders(
      <PreviewWarnings unknownVariables={['city']} problems={[problem]} unknownHint="Import a file first." />,
      { language: 'en' },
    );
    expect(screen.getByTestId('preview-problems')).toBeTruthy();
    expect(screen.getByTestId('preview-unknown').textContent).toContain('Import a file first.');
  });

  it('speaks Persian, with Persian digits', () => {
    renderWithProviders(<PreviewWarnings unknownVariables={[]} problems={[problem]} />, { language: 'fa' });
    expect(screen.getByTestId('preview-problems').textContent).toContain('سطر ۲، ستون ۷:');
  });
});
