import type { Sentinel } from '@sentinel/core';
import express, { type Express } from 'express';
import { requireOAuth, sentinel } from '../src/index.js';

/**
 * An Express app as a user would write it, mirroring the Hono binding's test app: Sentinel
 * mounted beside resource routes, a JSON 404 for anything else, and the client IP taken from the
 * `x-test-client-ip` header. `before` installs host middleware (body parsers) ahead of Sentinel.
 */
export function expressApp(core: Sentinel, before?: (app: Express) => void): Express {
  const app = express();
  before?.(app);
  app.use(sentinel(core, { clientIp: (req) => req.get('x-test-client-ip') ?? '127.0.0.1' }));
  app.get('/protected', requireOAuth(core), (req, res) => {
    res.json(req.oauth);
  });
  app.get('/protected/admin', requireOAuth(core, { scope: 'admin' }), (req, res) => {
    res.json(req.oauth);
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'No such route.' });
  });
  return app;
}
