import { randomBytes } from 'node:crypto';
import { GRANT_TYPES } from '../../domain/client.js';
import type { OAuthError } from '../../errors/oauth-error.js';
import { toOAuthError } from '../../errors/to-response.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { ClientManagement } from '../clients.js';
import { PASSWORD_RULES, type UserManagement } from '../users.js';
import { PageActions } from './actions.js';
import { CsrfTokens } from './csrf.js';
import type { ManagementPageData } from './data.js';
import { type Flash, FlashCookie } from './flash.js';
import { readForm } from './form.js';
import { renderFragments } from './fragments.js';
import type { PageKeys } from './keys.js';
import { crossOriginReason } from './origin.js';
import { errorPage, htmlResponse, seeOther } from './responses.js';
import type { ManagementPageRenderer } from './template.js';

export interface ManagementPageOptions {
  readonly users: UserManagement;
  readonly clients: ClientManagement;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The page's path, `{prefix}{managementUrl}`. */
  readonly path: string;
  readonly keys: PageKeys;
  readonly render: ManagementPageRenderer;
}

const PASSWORD_TEXT = `Passwords must be at least ${PASSWORD_RULES.minLength} characters long and at most ${PASSWORD_RULES.maxBytes} bytes in UTF-8 (bcrypt ignores anything longer).`;

const CSRF_REFUSED =
  'The form’s security token is missing, forged or expired. Reload the page and try again.';

/**
 * The management web page: GET renders it, POST runs one form action and redirects back to it
 * (POST-redirect-GET) with a flash message. Authentication is the caller's job; this checks the
 * origin and the CSRF token of every post.
 */
export class ManagementPage {
  readonly #csrf: CsrfTokens;
  readonly #flash: FlashCookie;
  readonly #actions: PageActions;

  constructor(private readonly options: ManagementPageOptions) {
    this.#csrf = new CsrfTokens(options.keys.csrf);
    this.#flash = new FlashCookie(options.keys.flash, options.path);
    this.#actions = new PageActions(options.users, options.clients);
  }

  /** Answers a request for the page's path. */
  async handle(request: Request): Promise<Response> {
    try {
      switch (request.method) {
        case 'GET':
        case 'HEAD':
          return await this.#show(request);
        case 'POST':
          return await this.#post(request);
        default:
          return errorPage(405, `${request.method} is not allowed here.`, this.options.path, {
            Allow: 'GET, HEAD, POST',
          });
      }
    } catch (error) {
      return this.refuse(toOAuthError(error, this.options.logger, { endpoint: 'management-page' }));
    }
  }

  /** An error as an HTML page, with the error's status and headers (such as a Basic challenge). */
  refuse(error: OAuthError): Response {
    return errorPage(error.status, error.message, this.options.path, { ...error.headers });
  }

  async #show(request: Request): Promise<Response> {
    const { clock } = this.options;
    const cookie = request.headers.get('cookie');
    const now = clock.now();
    const nonce = randomBytes(16).toString('base64');
    // HEAD shows nothing, so it leaves the flash for the GET that follows.
    const readFlash = request.method === 'GET' && this.#flash.present(cookie) !== null;
    const flash = readFlash ? this.#flash.open(cookie, now) : null;
    const body = this.options.render(await this.#data(nonce, this.#csrf.issue(now), flash));
    const clear = readFlash ? this.#flash.clear(isHttps(request)) : undefined;
    const response = htmlResponse(200, body, nonce, { 'Set-Cookie': clear });
    return request.method === 'HEAD'
      ? new Response(null, { status: 200, headers: response.headers })
      : response;
  }

  async #post(request: Request): Promise<Response> {
    const { clock, path, logger } = this.options;
    const crossOrigin = crossOriginReason(request);
    if (crossOrigin !== null) return errorPage(403, crossOrigin, path);
    const form = await readForm(request);
    if (!this.#csrf.verify(form.get('csrf'), clock.now())) {
      return errorPage(403, CSRF_REFUSED, path);
    }
    let flash: Flash;
    try {
      flash = await this.#actions.perform(form);
    } catch (error) {
      const refused = toOAuthError(error, logger, { endpoint: 'management-page' });
      flash = { kind: 'error', message: refused.message };
    }
    return seeOther(path, this.#flash.seal(flash, clock.now(), isHttps(request)));
  }

  async #data(nonce: string, csrfToken: string, flash: Flash | null): Promise<ManagementPageData> {
    const [users, clients] = await Promise.all([
      this.options.users.list(),
      this.options.clients.list(),
    ]);
    const base = {
      title: 'Sentinel management',
      pageUrl: this.options.path,
      nonce,
      csrfToken,
      flash,
      users: users.map((u) => ({
        id: u.id,
        username: u.username,
        createdAt: u.createdAt.toISOString(),
        disabled: u.disabled,
      })),
      clients: clients.map((c) => ({
        clientId: c.clientId,
        name: c.name,
        type: c.type,
        grants: c.grants,
        scopes: c.scopes,
        createdAt: c.createdAt.toISOString(),
      })),
      passwordRules: { ...PASSWORD_RULES, text: PASSWORD_TEXT },
      grantTypes: GRANT_TYPES,
    };
    return { ...base, html: renderFragments(base) };
  }
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}
