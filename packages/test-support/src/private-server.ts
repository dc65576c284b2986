import type { OwnedProcess } from './owned-process.js';

/**
 * What every private test server offers: its port, and the outage moves a fault test plays
 * (stop, kill, restart on the same port, pause and resume), all through the one process it owns.
 */
export abstract class PrivateServer {
  constructor(readonly process: OwnedProcess) {}

  get port(): number {
    return this.process.port;
  }

  start(): Promise<void> {
    return this.process.start();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  kill(): Promise<void> {
    return this.process.kill();
  }

  restart(): Promise<void> {
    return this.process.restart();
  }

  pause(): void {
    this.process.pause();
  }

  resume(): void {
    this.process.resume();
  }
}
