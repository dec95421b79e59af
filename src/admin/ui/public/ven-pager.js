// Where the VEN table is: the `after` cursor of each page visited for one search, so Previous goes back without
// counting. The cursors belong to the search they were collected for: a different search starts again at page 1,
// the same search (a refresh, or a typing pause after a refresh already used the new text) keeps the page.
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
