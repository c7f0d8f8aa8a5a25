import { describe, expect, it } from 'vitest';
import { currentCursor, FIRST_PAGE, nextPage, previousPage } from './cursor-pages';

describe('cursor pages', () => {
  it('remember each page’s cursor so Previous needs no offset', () => {
    const second = nextPage(FIRST_PAGE, 40);
    const third = nextPage(second, 20);
    expect(currentCursor(third)).toBe(20);
    const back = previousPage(third);
    expect(currentCursor(back)).toBe(40);
    expect(currentCursor(previousPage(back))).toBeNull();
    expect(previousPage(FIRST_PAGE)).toBe(FIRST_PAGE);
    // Going forward from an earlier page forgets the pages after it.
    expect(nextPage(back, 33).cursors).toEqual([null, 40, 33]);
    // No next page: nowhere to go.
    expect(nextPage(third, null)).toBe(third);
  });
});
