// Re-run one statement that lost a race (deadlock victim, serialization failure): it was rolled back whole.
import { isRaceError } from '../../store/postgres/pg-connection.js';

const ATTEMPTS = 4;

export async function retryRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRaceError(err)) throw err;
    }
  }
}
