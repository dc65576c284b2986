import { createServer } from 'node:http';
import OAuth2Server from '@node-oauth/oauth2-server';
import bcrypt from 'bcryptjs';
import express from 'express';
import { Redis } from 'ioredis';
import { listenAndServe, PROTECTED_MESSAGE, required } from '../lib/serve.mjs';
import { redisModel } from './model.mjs';

/**
 * The peer: `@node-oauth/oauth2-server` 5.3 on Express 5, composed as its documentation shows
 * (a body parser, then `new Request(req)` / `new Response(res)` around `oauth.token()` and
 * `oauth.authenticate()`), with the demo's routes: `POST /oauth/token` (password and
 * refresh_token grants, public client) and `GET /endpoint` behind a bearer token.
 *
 * Environment: REDIS_URL, PEER_PREFIX (key prefix), PEER_CLIENT_ID, PEER_USERNAME,
 * PEER_PASSWORD, PEER_BCRYPT_COST (the user's hash is made at that cost at start), PORT, HOST.
 * Prints `peer listening on http://<host>:<port>` once it listens.
 */

async function main() {
  const redis = new Redis(required('REDIS_URL'));
  const cost = Number(process.env.PEER_BCRYPT_COST ?? '12');
  const model = redisModel({
    redis,
    prefix: required('PEER_PREFIX'),
    clients: [
      { id: required('PEER_CLIENT_ID'), grants: ['password', 'refresh_token'], redirectUris: [] },
    ],
    users: [
      {
        id: 'peer-user-1',
        username: required('PEER_USERNAME'),
        passwordHash: await bcrypt.hash(required('PEER_PASSWORD'), cost),
      },
    ],
  });
  const oauth = new OAuth2Server({
    model,
    // Public clients (no secret), as Sentinel's demo client is.
    requireClientAuthentication: { password: false, refresh_token: false },
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false }));

  /**
   * @param {import('express').Request} req
   * @param {import('express').Response} res
   */
  const obtainToken = async (req, res) => {
    const request = new OAuth2Server.Request(req);
    const response = new OAuth2Server.Response(res);
    try {
      await oauth.token(request, response);
      res.set(response.headers);
      res.status(response.status ?? 200).json(response.body);
    } catch (error) {
      fail(res, response, error);
    }
  };

  /** @type {import('express').RequestHandler} */
  const authenticate = async (req, res, next) => {
    const request = new OAuth2Server.Request(req);
    const response = new OAuth2Server.Response(res);
    try {
      res.locals.oauth = { token: await oauth.authenticate(request, response) };
    } catch (error) {
      fail(res, response, error);
      return;
    }
    next();
  };

  app.post('/oauth/token', obtainToken);
  app.get('/endpoint', authenticate, (_req, res) => {
    res.type('text/plain').send(PROTECTED_MESSAGE);
  });

  listenAndServe('peer', createServer(app), () => redis.disconnect());
}

/**
 * The error as the library's Express wrapper answers it: its status, its headers, its body.
 *
 * @param {import('express').Response} res
 * @param {import('@node-oauth/oauth2-server').Response} response
 * @param {unknown} error
 */
function fail(res, response, error) {
  const e = /** @type {{ code?: number, name?: string, message?: string }} */ (error);
  res.set(response.headers);
  res.status(e.code || 500).json({ error: e.name, error_description: e.message });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
