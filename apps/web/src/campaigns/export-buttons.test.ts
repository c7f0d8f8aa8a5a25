import { describe, expect, it } from 'vitest';
import { exportUrl } from './export-buttons';

describe('exportUrl', () => {
  it('asks for the reader’s language and time zone', () => {
    expect(exportUrl(7, 'xlsx', 'fa', 'Asia/Tehran')).toBe(
      '/api/campaigns/7/recipients.xlsx?lang=fa&tz=Asia%2FTehran',
    );
    expect(exportUrl(7, 'csv', 'en', 'Europe/Berlin')).toBe(
      '/api/campaigns/7/recipients.csv?lang=en&tz=Europe%2FBerlin',
    );
  });
});
