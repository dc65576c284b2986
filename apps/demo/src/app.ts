import type { Sentinel } from '@sentinel/core';
import { type OAuthEnv, requireOAuth, sentinel } from '@sentinel/http-hono';
import { Hono } from 'hono';

export const PROTECTED_MESSAGE = 'You made it through and accessed the protected resource!';

/** The seed's example application: Sentinel's routes plus one protected resource. */
export function demoApp(core: Sentinel): Hono<OAuthEnv> {
  const app = new Hono<OAuthEnv>();
  app.route('/', sentinel(core));
  app.get('/endpoint', requireOAuth(core), (c) => c.text(PROTECTED_MESSAGE));
  app.notFound((c) => c.json({ error: 'not_found', error_description: 'No such route.' }, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: 'server_error', error_description: 'Unexpected error.' }, 500);
  });
  return app;
}
