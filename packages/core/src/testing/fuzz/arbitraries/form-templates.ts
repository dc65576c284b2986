import type { RefName, Text } from '../world.js';

/** The parameters of the token, revocation and introspection endpoints. */
export const KNOWN_NAMES = [
  'grant_type',
  'client_id',
  'client_secret',
  'username',
  'password',
  'refresh_token',
  'scope',
  'token',
  'token_type_hint',
];

/** Values that mean something to those endpoints, or nearly do. */
export const KNOWN_VALUES = [
  'password',
  'refresh_token',
  'client_credentials',
  'authorization_code',
  'access_token',
  'read',
  'read write',
  'admin',
  'read  write',
  ' read',
  'bad"scope',
  'read\\write',
];

/** Escapes that do not decode: malformed, or not UTF-8 once decoded. */
export const BROKEN_ESCAPES = [
  '%',
  '%4',
  '%G0',
  '%zz',
  '%E9',
  '%C3',
  '%C3%28',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
];

/** A request as its name and value pairs. */
export type Template = readonly (readonly [string, Text])[];
const r = (name: RefName): Text => ({ ref: name });

/** Requests that succeed when sent as they are to the right endpoint. */
const TEMPLATES: readonly Template[] = [
  [
    ['grant_type', 'password'],
    ['client_id', r('publicClient')],
    ['username', r('username')],
    ['password', r('password')],
  ],
  [
    ['grant_type', 'password'],
    ['client_id', r('confidentialClient')],
    ['client_secret', r('clientSecret')],
    ['username', r('username')],
    ['password', r('password')],
    ['scope', 'read write'],
  ],
  [
    ['grant_type', 'refresh_token'],
    ['client_id', r('publicClient')],
    ['refresh_token', r('refreshToken')],
  ],
  [
    ['grant_type', 'client_credentials'],
    ['client_id', r('confidentialClient')],
    ['client_secret', r('clientSecret')],
    ['scope', 'admin'],
  ],
  [
    ['token', r('accessToken')],
    ['client_id', r('confidentialClient')],
    ['client_secret', r('clientSecret')],
    ['token_type_hint', 'access_token'],
  ],
  [
    ['token', r('refreshToken')],
    ['client_id', r('publicClient')],
  ],
];

/** The requests that succeed as they are, with client credentials in the body. */
export const WITH_CLIENT: readonly Template[] = TEMPLATES;

/** The same requests without client credentials, for those sent in the Authorization header. */
export const WITHOUT_CLIENT: readonly Template[] = TEMPLATES.map((template) =>
  template.filter(([name]) => name !== 'client_id' && name !== 'client_secret'),
);
