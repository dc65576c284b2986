/** A resource owner who logs in with the password grant. */
export interface User {
  /** Opaque, stable identifier chosen by the store (a MongoDB ObjectId's hex string, a UUID…). */
  readonly id: string;
  /** Unique login name, compared exactly (case-sensitive, as the seed did). */
  readonly username: string;
  /** A bcrypt hash (`$2a$`, `$2b$` or `$2y$`). Never leaves the core: no response, log or page shows it. */
  readonly passwordHash: string;
  readonly createdAt: Date;
  /** Set when the user was disabled; a disabled user can neither log in nor use its tokens. */
  readonly disabledAt: Date | null;
}

/** What a store needs to create a user; the store assigns the id. */
export interface NewUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** The fields of a user that may change after creation. */
export interface UserPatch {
  readonly passwordHash?: string;
  readonly disabledAt?: Date | null;
}

/** A user as it may be shown: everything but the password hash. */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly createdAt: Date;
  readonly disabled: boolean;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    createdAt: user.createdAt,
    disabled: user.disabledAt !== null,
  };
}
