// Where a paged table of the dashboard is, kept per search: the page belongs to the search it was reached under, so
// a different search starts again at the first page and the same search (a refresh, or a typing pause after a
// refresh already used the new text) keeps the page. The VEN table pages by cursor, the refused VENs by offset.

/** The `after` cursor of each page visited, so Previous goes back without counting. */
export function createVenPager() {
  let filter;
  let cursors = [undefined];
  let at = 0;
  return {
    /** The page index shown (0 is the first). */
    get at() { return at; },
    /** The cursor to ask for, given the search in the boxes now; a changed search goes back to page 1. */
    cursorFor(search) {
      if (search !== filter) {
        filter = search;
        cursors = [undefined];
        at = 0;
      }
      return cursors[at];
    },
    /** Moves on to the page after `lastVenId` (the last row shown). */
    next(lastVenId) {
      cursors[at + 1] = lastVenId;
      at++;
    },
    /** Moves back a page; false when on the first one. */
    previous() {
      if (at === 0) return false;
      at--;
      return true;
    },
  };
}

/** The same for a table paged by offset (the refused VENs): the offset belongs to the search it was moved under. */
export function createOffsetPager(pageSize) {
  let filter;
  let offset = 0;
  return {
    /** The offset to ask for, given the search in the box now; a changed search goes back to the first page. */
    offsetFor(search) {
      if (search !== filter) {
        filter = search;
        offset = 0;
      }
      return offset;
    },
    next() { offset += pageSize; },
    previous() { offset = Math.max(0, offset - pageSize); },
  };
}
