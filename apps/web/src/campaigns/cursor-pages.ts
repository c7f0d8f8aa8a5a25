import { useCallback, useState } from 'react';

/**
 * Numbered pages over keyset (cursor) pagination: the cursors of the pages seen so far are
 * kept, so Previous goes back without offsets and Next follows the server's `nextCursor`.
 */
export interface CursorPages {
  /** Cursor of each page seen; the first page's is null. */
  cursors: Array<number | null>;
  index: number;
}

export const FIRST_PAGE: CursorPages = { cursors: [null], index: 0 };

export function nextPage(pages: CursorPages, nextCursor: number | null): CursorPages {
  if (nextCursor === null) return pages;
  return { cursors: [...pages.cursors.slice(0, pages.index + 1), nextCursor], index: pages.index + 1 };
}

export function previousPage(pages: CursorPages): CursorPages {
  return pages.index === 0 ? pages : { ...pages, index: pages.index - 1 };
}

export function currentCursor(pages: CursorPages): number | null {
  return pages.cursors[pages.index] ?? null;
}

/** The page state, starting over whenever `resetKey` (the filters, the sort) changes. */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; pages: CursorPages }>({
    key: resetKey,
    pages: FIRST_PAGE,
  });
  // A new key starts over, stored at once (React's "adjust state while rendering"), so
  // coming back to an earlier key does not bring its old page back.
  if (state.key !== resetKey) setState({ key: resetKey, pages: FIRST_PAGE });
  const pages = state.key === resetKey ? state.pages : FIRST_PAGE;
  const next = useCallback(
    (cursor: number | null) => setState({ key: resetKey, pages: nextPage(pages, cursor) }),
    [pages, resetKey],
  );
  const previous = useCallback(
    () => setState({ key: resetKey, pages: previousPage(pages) }),
    [pages, resetKey],
  );
  return { cursor: currentCursor(pages), index: pages.index, next, previous };
}
