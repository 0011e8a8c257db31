/** Longer lines are not readings; the partial-line buffer never grows past this either. */
export const MAX_LINE_CHARS = 1024;
/** A line with more fields than this is a data dump, not a handful of series. */
export const MAX_FIELDS = 32;
