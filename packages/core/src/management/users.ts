import { type PublicUser, toPublicUser } from '../domain/user.js';
import { OAuthError } from '../errors/oauth-error.js';
import { DuplicateUsernameError } from '../ports/user-store.js';
import type { Deps } from '../tokens/deps.js';
import type { Revoker } from '../tokens/revoke.js';

/** Password rules, shown to people who create users. */
export const PASSWORD_RULES = {
  minLength: 8,
  /** bcrypt reads only the first 72 bytes; longer passwords are refused, not truncated. */
  maxBytes: 72,
} as const;

/** Username rules: 1 to 128 characters, no control characters, no surrounding spaces. */
const USERNAME = /^(?!\s)[^\p{Cc}]{1,128}(?<!\s)$/u;

export function checkUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new OAuthError(
      'invalid_request',
      'The username must be 1 to 128 characters, without control characters or surrounding spaces.',
    );
  }
}

export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_RULES.minLength) {
    throw new OAuthError(
      'invalid_request',
      `The password must be at least ${PASSWORD_RULES.minLength} characters long.`,
    );
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_RULES.maxBytes) {
    throw new OAuthError(
      'invalid_request',
      `The password must be at most ${PASSWORD_RULES.maxBytes} bytes in UTF-8 (bcrypt ignores the rest).`,
    );
  }
}

const notFound = () => new OAuthError('not_found', 'No user has this id.');

/**
 * Managing users. Every change that should end a user's sessions (delete, disable, new password)
 * also revokes the user's tokens.
 */
export class UserManagement {
  constructor(
    private readonly deps: Deps,
    private readonly revoke: Revoker,
  ) {}

  async create(input: { username: string; password: string }): Promise<PublicUser> {
    checkUsername(input.username);
    checkPassword(input.password);
    const passwordHash = await this.deps.hasher.hash(input.password);
    try {
      const user = await this.deps.users.create({
        username: input.username,
        passwordHash,
        createdAt: new Date(this.deps.clock.now()),
      });
      return toPublicUser(user);
    } catch (error) {
      if (error instanceof DuplicateUsernameError) {
        throw new OAuthError('conflict', 'A user with this username already exists.');
      }
      throw error;
    }
  }

  async list(): Promise<PublicUser[]> {
    return (await this.deps.users.list()).map(toPublicUser);
  }

  async get(id: string): Promise<PublicUser> {
    const user = await this.deps.users.findById(id);
    if (user === null) throw notFound();
    return toPublicUser(user);
  }

  /** The user with this exact username, for tools that name users rather than ids. */
  async findByUsername(username: string): Promise<PublicUser> {
    const user = await this.deps.users.findByUsername(username);
    if (user === null) throw new OAuthError('not_found', 'No user has this username.');
    return toPublicUser(user);
  }

  // Each change below alters the user first and revokes its tokens second. A login racing the
  // change may save a token after the revocation; that token then fails verification, because
  // the store path checks that the user exists and is enabled, and it is never cached.

  async delete(id: string): Promise<void> {
    if (!(await this.deps.users.delete(id))) throw notFound();
    await this.revoke.user(id);
  }

  async setPassword(id: string, password: string): Promise<void> {
    checkPassword(password);
    await this.get(id);
    const passwordHash = await this.deps.hasher.hash(password);
    if ((await this.deps.users.update(id, { passwordHash })) === null) throw notFound();
    await this.revoke.user(id);
  }

  async setDisabled(id: string, disabled: boolean): Promise<PublicUser> {
    const disabledAt = disabled ? new Date(this.deps.clock.now()) : null;
    const user = await this.deps.users.update(id, { disabledAt });
    if (user === null) throw notFound();
    if (disabled) await this.revoke.user(id);
    return toPublicUser(user);
  }

  /** Revokes every token of the user; returns how many were live. */
  async revokeTokens(id: string): Promise<number> {
    await this.get(id);
    return (await this.revoke.user(id)).length;
  }
}
