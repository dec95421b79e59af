// Where the stores report recoveries (torn journal line, stale lock) and background compaction failures.
export interface StoreLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleStoreLogger: StoreLogger = {
  info: () => {},
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
