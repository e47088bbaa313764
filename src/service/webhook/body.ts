import { fail, ok, type Result } from '../../pipeline/model.ts';

// A webhook body is read before its signature can be checked, so anyone can
// send one: it is capped. A declared length over the cap is refused without
// reading; a body that streams past the cap (no or a false length) is cut off
// at the cap, and the rest is never read.

/** Sanity's webhook payloads are a document projection: a megabyte is far more than any of ours. */
export const MAX_WEBHOOK_BODY_BYTES = 1_000_000;

export async function readBodyLimited(request: Request, maxBytes: number = MAX_WEBHOOK_BODY_BYTES): Promise<Result<string>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    return fail('too_large', `the body declares ${declared} bytes; at most ${maxBytes} are read`);
  }
  if (request.body === null) return ok('');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return fail('too_large', `the body is longer than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    return fail('unreadable', `the body could not be read (${(error as Error).message})`);
  }
  return ok(Buffer.concat(chunks).toString('utf8'));
}
