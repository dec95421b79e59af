// The SignatureError kind a call fails with ('structure', 'invalid', …), undefined when it succeeds.
export const failureOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { failure?: string }).failure ?? `unexpected ${(err as Error).message}`;
  }
};
