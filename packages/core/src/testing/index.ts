/**
 * `@sentinel/core/testing`: in-memory implementations of every port, and the port contract
 * suites that every adapter package runs against its own implementation (they use vitest).
 */

export { type ConformanceApp, httpConformanceSuite } from './conformance/suite.js';
export { attemptLimiterContract } from './contracts/attempt-limiter.js';
export { clientStoreContract } from './contracts/client-store.js';
export { passwordHasherContract } from './contracts/password-hasher.js';
export { type ContractSetup, sleep } from './contracts/setup.js';
export { tokenCacheContract } from './contracts/token-cache.js';
export { tokenRecord, tokenStoreContract } from './contracts/token-store.js';
export { userStoreContract } from './contracts/user-store.js';
export { FakeClock } from './fake-clock.js';
export { type FuzzOptions, httpFuzzSuite } from './fuzz/suite.js';
export { MemoryAttemptLimiter } from './memory/attempt-limiter.js';
export { MemoryClientStore } from './memory/client-store.js';
export { MemoryTokenCache } from './memory/token-cache.js';
export { MemoryTokenStore } from './memory/token-store.js';
export { MemoryUserStore } from './memory/user-store.js';
export { createMemorySentinel, type MemorySentinel } from './memory-sentinel.js';
export { describeWithServers } from './server-gate.js';
