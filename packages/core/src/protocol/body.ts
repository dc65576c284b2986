import { OAuthError } from '../errors/oauth-error.js';

/** The largest request body Sentinel reads: far more than any token or management request. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A declared `Content-Length` when it is a plain decimal number of at most `MAX_BODY_BYTES`,
 * else null: a body a binding may read at once before handing the request over. Any other body
 * goes to the core as a stream, which counts it or refuses it by its length.
 */
export function declaredSmallBodyLength(
  contentLength: string | readonly string[] | null | undefined,
): number | null {
  if (typeof contentLength !== 'string' || !/^\d+$/.test(contentLength)) return null;
  const length = Number(contentLength);
  return length <= MAX_BODY_BYTES ? length : null;
}

const tooLarge = () =>
  new OAuthError('invalid_request', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
    status: 413,
  });

/**
 * Reads the body as UTF-8 text, refusing more than `MAX_BODY_BYTES` (by `Content-Length` at once,
 * by counting otherwise) and invalid UTF-8.
 */
export async function readBody(request: Request): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new OAuthError('invalid_request', 'The request body is not valid UTF-8.');
  }
}

/** The media type of a request, lower-cased, without parameters; null when absent. */
export function mediaType(request: Request): string | null {
  const header = request.headers.get('content-type');
  if (header === null) return null;
  return header.split(';', 1)[0]?.trim().toLowerCase() ?? null;
}
