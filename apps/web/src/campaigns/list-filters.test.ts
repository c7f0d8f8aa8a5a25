import { describe, expect, it } from 'vitest';
import {
  filtersFromSearch,
  hasFilters,
  listInput,
  NO_FILTERS,
  rangeIsValid,
  searchFromFilters,
} from './list-filters';

describe('campaign list filters', () => {
  it('round-trip through the address, dropping what is not valid', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('q=sale&status=RUNNING&account=3&from=2026-01-05&to=2026-02-30x'),
    );
    expect(filters).toEqual({ search: 'sale', status: 'RUNNING', accountId: 3, from: '2026-01-05', to: '' });
    expect(searchFromFilters(filters).toString()).toBe('q=sale&status=RUNNING&account=3&from=2026-01-05');
    expect(filtersFromSearch(new URLSearchParams('status=LOST&account=-2'))).toEqual(NO_FILTERS);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: '  ' })).toBe(false);
  });

  it('turn whole local days into the [start, next midnight) the server takes', () => {
    const input = listInput({ ...NO_FILTERS, search: ' sale ', from: '2026-01-05', to: '2026-01-05' });
    expect(input).toEqual({
      search: 'sale',
      createdFrom: new Date(2026, 0, 5),
      createdTo: new Date(2026, 0, 6),
    });
    // The last day of a month rolls over to the first of the next.
    expect(listInput({ ...NO_FILTERS, to: '2026-01-31' }).createdTo).toEqual(new Date(2026, 1, 1));
  });

  it('leave a backwards range out of the query and say so', () => {
    const backwards = { ...NO_FILTERS, from: '2026-02-01', to: '2026-01-01' };
    expect(rangeIsValid(backwards)).toBe(false);
    expect(listInput(backwards)).toEqual({});
  });
});
