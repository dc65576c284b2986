import { REQUEST_TIMEOUT_MS } from './settings.js';

/** An answer, read in full. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * Sends one request and reads its whole answer, failing when that takes longer than
 * `REQUEST_TIMEOUT_MS` (a hang) or when `fetch` throws (the app crashed instead of answering).
 */
export async function exchange(
  fetch: (request: Request) => Promise<Response>,
  request: Request,
): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`No answer within ${REQUEST_TIMEOUT_MS} ms.`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  const answer = (async (): Promise<Answer> => {
    const response = await fetch(request);
    return { status: response.status, headers: response.headers, text: await response.text() };
  })();
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
    // A late failure after a timeout is already reported; do not let it surface as unhandled.
    answer.catch(() => {});
  }
}
