import type { Sentinel } from '@sentinel/core';
import { requireOAuth, sentinel } from '@sentinel/http-express';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { PROTECTED_MESSAGE } from './app.js';

/** The demo application on Express: the same routes and answers as the Hono one. */
export function demoExpressApp(core: Sentinel): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(sentinel(core));
  app.get('/endpoint', requireOAuth(core), (_req, res) => {
    res.type('text/plain').send(PROTECTED_MESSAGE);
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'No such route.' });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    console.error(error);
    res.status(500).json({ error: 'server_error', error_description: 'Unexpected error.' });
  };
  app.use(onError);
  return app;
}
