/** One page of a keyset-paged list: `nextCursor` is the last row's id, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}
