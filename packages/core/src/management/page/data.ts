import type { ClientType, GrantType } from '../../domain/client.js';
import type { Flash } from './flash.js';

export type { Flash } from './flash.js';

/** A user as the page shows it: never the password hash. */
export interface PageUser {
  readonly id: string;
  readonly username: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly disabled: boolean;
}

/** A client as the page shows it: never the secret or its digest. */
export interface PageClient {
  readonly clientId: string;
  readonly name: string;
  readonly type: ClientType;
  readonly grants: readonly GrantType[];
  readonly scopes: readonly string[];
  /** ISO 8601, UTC. */
  readonly createdAt: string;
}

/**
 * Pre-rendered pieces of the default page: HTML-escaped markup, ready to be placed as they are.
 * The forms already carry the CSRF token; `style` and `script` already carry the nonce.
 */
export interface PageFragments {
  /** `<style nonce>` with the default look. */
  readonly style: string;
  /** `<script nonce>` with the optional improvements (copy button, delete confirmation). */
  readonly script: string;
  /** The flash message (and a new client secret, once), or `''`. */
  readonly flash: string;
  /** The users table, each row with its action forms. */
  readonly usersTable: string;
  /** The clients table, each row with its action forms. */
  readonly clientsTable: string;
  /** The "add a user" form, with the password rules. */
  readonly addUserForm: string;
  /** The "add a client" form. */
  readonly addClientForm: string;
  /** The password rules as a sentence, in a `<p>`. */
  readonly passwordRules: string;
}

/**
 * Everything a management page template receives. A template string reads it through `{{…}}`
 * placeholders (see `TEMPLATE_PLACEHOLDERS`); a render function gets this object itself and must
 * escape what it prints (with `escapeHtml`), except the fragments in `html`.
 */
export interface ManagementPageData {
  /** "Sentinel management". */
  readonly title: string;
  /** The page's path, where every form posts to, e.g. `/oauth/management`. */
  readonly pageUrl: string;
  /** The CSP nonce of this response: put it on any `<style>` or `<script>` of the template. */
  readonly nonce: string;
  /** The CSRF token every form must send in its `csrf` field. */
  readonly csrfToken: string;
  /** The flash message of the last form post, shown once; null when there is none. */
  readonly flash: Flash | null;
  readonly users: readonly PageUser[];
  readonly clients: readonly PageClient[];
  /** The password rules (PASSWORD_RULES), and the same as a sentence. */
  readonly passwordRules: {
    readonly minLength: number;
    readonly maxBytes: number;
    readonly text: string;
  };
  /** The grant types a client can be given. */
  readonly grantTypes: readonly GrantType[];
  /** Escaped, ready-made HTML for the parts of the default page. */
  readonly html: PageFragments;
}

/** What a form's `intent` field may say; the page answers each with one use case. */
export const INTENTS = [
  'add-user',
  'set-password',
  'disable-user',
  'enable-user',
  'revoke-tokens',
  'delete-user',
  'add-client',
  'rotate-secret',
  'delete-client',
] as const;
export type Intent = (typeof INTENTS)[number];
