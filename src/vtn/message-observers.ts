// Listeners for every OpenADR message handled (metrics, dashboards); they must be cheap and never throw.

export interface MessageRecord {
  service: string;
  /** Incoming message type, or 'invalid' for a body that could not be read. */
  type: string;
  venId?: string;
  /** OpenADR response code of the reply, or the HTTP status for a refused body. */
  code: number;
  replyType?: string;
  /** Handling time in milliseconds. */
  ms: number;
}

export type MessageObserver = (record: MessageRecord) => void;

/** A list of listeners told about each record in turn; one failing never stops the others or the caller. */
export class Observers<T> {
  #list: ((record: T) => void)[] = [];

  add(observer: (record: T) => void): () => void {
    this.#list.push(observer);
    return () => {
      this.#list = this.#list.filter((o) => o !== observer);
    };
  }

  notify(record: T): void {
    for (const o of this.#list) {
      try {
        o(record);
      } catch {
        // An observer failure must not break the work it observes.
      }
    }
  }
}

export class MessageObservers extends Observers<MessageRecord> {}
