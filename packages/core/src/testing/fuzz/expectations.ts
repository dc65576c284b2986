import type { Answer } from './exchange.js';

/** What a property expects of every answer, beyond "a 2xx or a 4xx". */
export interface AnswerRules {
  /** RFC 6749 §5.1, RFC 7009, RFC 7662: `Cache-Control: no-store` on every answer. */
  readonly noStore: boolean;
  /** RFC 6750 §3.1: a protected route may answer "no credentials" with a 401 without `error`. */
  readonly bare401?: boolean;
  /** A HEAD request: the body may be empty. */
  readonly head?: boolean;
}

/** RFC 6749 §5.2: error = 1*( %x20-21 / %x23-5B / %x5D-7E ). */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

/** The failure of a property, with the answer that broke it. */
export class BadAnswer extends Error {
  constructor(reason: string, answer: Answer) {
    const body = answer.text.length > 500 ? `${answer.text.slice(0, 500)}…` : answer.text;
    super(`${reason} (status ${answer.status}, body ${JSON.stringify(body)})`);
    this.name = 'BadAnswer';
  }
}

/**
 * Checks that an answer is what an OAuth server owes any request, however malformed: a 2xx, or
 * a 4xx whose body is `{error: string, error_description?: string}`; JSON either way (but for a
 * 204 or a HEAD); `no-store` when asked. Returns the parsed body (null when there is none).
 */
export function expectRfcAnswer(answer: Answer, rules: AnswerRules): unknown {
  const { status, headers, text } = answer;
  const fail = (reason: string): never => {
    throw new BadAnswer(reason, answer);
  };
  if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) {
    fail('Expected a 2xx or a 4xx');
  }
  if (rules.noStore && headers.get('cache-control') !== 'no-store') {
    fail(`Expected Cache-Control: no-store, got ${headers.get('cache-control')}`);
  }
  if (status === 204 || (rules.head === true && text === '')) {
    if (text !== '') fail('A 204 has no body');
    return null;
  }
  if (!/^application\/json\b/i.test(headers.get('content-type') ?? '')) {
    fail(`Expected a JSON Content-Type, got ${headers.get('content-type')}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail('The body is not JSON');
  }
  if (status >= 400) expectErrorBody(body, rules.bare401 === true && status === 401, answer);
  return body;
}

function expectErrorBody(body: unknown, bareAllowed: boolean, answer: Answer): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadAnswer('An error body must be a JSON object', answer);
  }
  const { error, error_description: description } = body as Record<string, unknown>;
  if (error === undefined && bareAllowed) {
    if (description !== undefined && typeof description !== 'string') {
      throw new BadAnswer('error_description must be a string', answer);
    }
    return;
  }
  if (typeof error !== 'string' || !ERROR_CODE.test(error)) {
    throw new BadAnswer('error must be an RFC 6749 §5.2 error code', answer);
  }
  if (description !== undefined && typeof description !== 'string') {
    throw new BadAnswer('error_description must be a string', answer);
  }
}
