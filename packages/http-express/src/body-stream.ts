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

/**
 * The whole body of a request that declared its length (`Content-Length`, no chunking), read
 * into one buffer; null when the client went away before sending all of it. For a small body,
 * as every token, revocation and introspection request is, this is half the work of a Web
 * stream over the Node stream, which costs promises and copies per chunk. Node's parser never
 * delivers more than the declared length.
 */
export function readDeclaredBody(req: IncomingMessage, length: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
    };
    const finish = (body: Buffer | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(body);
    };
    const onEnd = () => finish(size === length ? Buffer.concat(chunks, size) : null);
    const onGone = () => finish(null);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
  });
}
