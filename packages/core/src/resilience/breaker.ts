import { StoreUnavailableError } from '../errors/oauth-error.js';
import type { Clock } from '../ports/clock.js';

export interface BreakerOptions {
  /** Names the wrapped port in the error a skipped call rejects with. */
  readonly name: string;
  /** How long calls are skipped after a failure, in milliseconds. */
  readonly openMs: number;
  readonly clock: Clock;
}

/**
 * Wraps an optional port (the cache, the limiter) so that after one of its calls fails, every
 * call for the next `openMs` rejects at once with `StoreUnavailableError` instead of waiting out
 * its own timeout. A request that would otherwise make three calls to a hung Redis, each timing
 * out in turn, then pays for at most one. After `openMs` the next call is tried for real.
 */
export function withBreaker<T extends object>(target: T, options: BreakerOptions): T {
  let openUntil = Number.NEGATIVE_INFINITY;
  const trip = (error: unknown) => {
    openUntil = options.clock.now() + options.openMs;
    throw error;
  };
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (options.clock.now() < openUntil) {
          return Promise.reject(
            new StoreUnavailableError(`${options.name} skipped: it failed moments ago`),
          );
        }
        const result: unknown = value.apply(object, args);
        return result instanceof Promise ? result.catch(trip) : result;
      };
    },
  });
}
