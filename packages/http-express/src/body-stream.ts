import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * The request body as a Web stream that touches the Node stream only once it is read. A body the
 * core never reads (a 405, say) stays untouched, so Node discards it after the response as it does
 * for any unread body and the connection stays usable. A read chunk by chunk goes through
 * `Readable.toWeb`; cancelling after a partial read (the core's size cap) destroys the request.
 */
export function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= (Readable.toWeb(req) as ReadableStream<Uint8Array>).getReader();
        const chunk = await reader.read();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      async cancel(reason) {
        await reader?.cancel(reason);
      },
    },
    // Nothing is pulled before the core asks for it.
    { highWaterMark: 0 },
  );
}
