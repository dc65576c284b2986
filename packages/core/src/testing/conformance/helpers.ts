import { expect } from 'vitest';
import type { SentinelConfigInput } from '../../config.js';
import type { Sentinel } from '../../sentinel.js';
import { createMemorySentinel, type MemorySentinel } from '../memory-sentinel.js';

/**
 * Builds the app under test around a wired Sentinel. The app must serve Sentinel's routes and
 * two resource routes: `GET /protected` (any valid token) and `GET /protected/admin` (scope
 * `admin`), each answering 200 with the principal as JSON. It must take the client IP from the
 * `x-test-client-ip` header (defaulting to 127.0.0.1), through the binding's client-IP option.
 */
export type ConformanceApp = (sentinel: Sentinel) => {
  fetch: (request: Request) => Promise<Response>;
  close?: () => Promise<void>;
};

export const BASE = 'https://sentinel.test';
export const PASSWORD = 'correct horse battery';

export interface World extends MemorySentinel {
  fetch: (request: Request) => Promise<Response>;
  /** A public client allowed password and refresh_token, scopes read, write, admin. */
  publicClient: string;
  /** A confidential client with the same grants and scopes. */
  confidential: { id: string; secret: string };
  /** A user `alice` with password `PASSWORD`. */
  aliceId: string;
}

export async function world(app: ConformanceApp, config: SentinelConfigInput = {}): Promise<World> {
  const core = createMemorySentinel({ config });
  const { client: pub } = await core.sentinel.clients.create({
    type: 'public',
    scopes: ['read', 'write', 'admin'],
  });
  const conf = await core.sentinel.clients.create({
    type: 'confidential',
    scopes: ['read', 'write', 'admin'],
  });
  const alice = await core.sentinel.users.create({ username: 'alice', password: PASSWORD });
  const built = app(core.sentinel);
  return {
    ...core,
    fetch: built.fetch,
    publicClient: pub.clientId,
    confidential: { id: conf.client.clientId, secret: conf.secret ?? '' },
    aliceId: alice.id,
  };
}

export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export function basic(id: string, secret: string): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function send(
  w: Pick<World, 'fetch'>,
  path: string,
  init: RequestInit & { ip?: string } = {},
): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.ip !== undefined) headers.set('x-test-client-ip', init.ip);
  const response = await w.fetch(new Request(`${BASE}${path}`, { ...init, headers }));
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text !== '') {
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
    body = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a form to the token endpoint. */
export function token(
  w: Pick<World, 'fetch'>,
  params: Record<string, string> | string,
  options: { headers?: Record<string, string>; ip?: string; path?: string } = {},
): Promise<Answer> {
  return send(w, options.path ?? '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers },
    body: typeof params === 'string' ? params : formBody(params),
    ...(options.ip === undefined ? {} : { ip: options.ip }),
  });
}

export function login(w: World, over: Record<string, string> = {}, ip?: string) {
  return token(
    w,
    {
      grant_type: 'password',
      client_id: w.publicClient,
      username: 'alice',
      password: PASSWORD,
      ...over,
    },
    ip === undefined ? {} : { ip },
  );
}

export function refresh(w: World, refreshToken: string, over: Record<string, string> = {}) {
  return token(w, {
    grant_type: 'refresh_token',
    client_id: w.publicClient,
    refresh_token: refreshToken,
    ...over,
  });
}

export function resource(w: Pick<World, 'fetch'>, accessToken: string | null, path = '/protected') {
  return send(
    w,
    path,
    accessToken === null ? {} : { headers: { Authorization: `Bearer ${accessToken}` } },
  );
}

/** RFC 6749 §5.1 and §5.2: token responses are never cached. */
export function expectNoStore(answer: Answer): void {
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('pragma')).toBe('no-cache');
}

/** An RFC 6749 §5.2 error body with the given code, and no-store headers. */
export function expectTokenError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, error: answer.body.error }).toEqual({ status, error: code });
  expect(answer.body.error_description).toEqual(expect.any(String));
  expectNoStore(answer);
}

export const str = (value: unknown): string => {
  expect(value).toEqual(expect.any(String));
  return value as string;
};

export const admin = { Authorization: basic('admin', 'admin-password') };
