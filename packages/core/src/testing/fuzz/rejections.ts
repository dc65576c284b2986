/**
 * Records every unhandled promise rejection while a property runs, so that a request which
 * answered well but left a rejected promise behind still fails the property.
 */
export class RejectionWatch {
  readonly #seen: unknown[] = [];
  readonly #listener = (reason: unknown) => {
    this.#seen.push(reason);
  };

  start(): void {
    process.on('unhandledRejection', this.#listener);
  }

  stop(): void {
    process.off('unhandledRejection', this.#listener);
  }

  /**
   * Throws when a rejection went unhandled. Waits one turn of the event loop first: Node reports
   * unhandled rejections only once the microtask queue is drained.
   */
  async expectNone(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.#seen.length > 0) {
      const reason = this.#seen.splice(0)[0];
      const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
      throw new Error(`An unhandled promise rejection: ${detail}`);
    }
  }
}
