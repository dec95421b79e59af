// Every file the VTN reads is strict JSON (JSON.parse at start-up): a comment gets these exact words, not "missing comma".

export const COMMENTS_NOT_ALLOWED = 'comments are not allowed in JSON';
export const COMMENT_SUGGESTION = 'delete the comment; say it in a "description" field instead';

/** True when a comment (`//` or `/*`) starts at `offset`: where JSON.parse stops on one. */
export const startsComment = (text: string, offset: number): boolean => text.startsWith('//', offset) || text.startsWith('/*', offset);

/** The offset JSON.parse names in its message ("… at position 12"), or 0. */
export function jsonErrorOffset(err: unknown): number {
  const at = /position (\d+)/.exec((err as Error).message);
  return at ? Number(at[1]) : 0;
}
