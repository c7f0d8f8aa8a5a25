import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ImportProgress } from './import-progress';

describe('ImportProgress', () => {
  it('shows the share of the file read, then that the rows are being stored', () => {
    const reading = renderWithProviders(<ImportProgress progress={0.42} />, { language: 'en' });
    expect(screen.getByTestId('import-progress').textContent).toContain('Reading the file: 42%');
    reading.unmount();
    const storing = renderWithProviders(<ImportProgress progress={1} />, { language: 'en' });
    expect(screen.getByTestId('import-progress').textContent).toContain('Storing the recipients…');
    storing.unmount();
    renderWithProviders(<ImportProgress progress={null} />, { language: 'en' });
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('speaks Persian digits in Persian', () => {
    renderWithProviders(<ImportProgress progress={0.5} />, { language: 'fa' });
    expect(screen.getByTestId('import-progress').textContent).toMatch(/۵۰/);
  });
});
