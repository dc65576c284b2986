/**
 * How a contract suite gets a fresh, empty implementation for each test, and how it cleans up.
 * Adapters backed by a server typically clear a collection or a key prefix here.
 */
export type ContractSetup<T> = () => Promise<{ store: T; teardown?: () => Promise<void> }>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
