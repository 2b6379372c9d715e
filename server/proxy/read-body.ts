/**
 * Reads a request body up to a byte limit. Request bodies here are small JSON documents, so the
 * proxy buffers them: an oversized body is refused with a clean 413 before anything is sent
 * upstream, instead of failing half-way through a streamed upload.
 */
import { ProxyRefusal } from './proxy-errors.js';

function tooLarge(maxBytes: number): ProxyRefusal {
  return new ProxyRefusal('body-too-large', 413, `The request body is larger than this proxy accepts (${maxBytes} bytes); send a smaller task input, or raise MAX_BODY_BYTES.`);
}

/**
 * The body's bytes, or `undefined` when it is empty. A declared `Content-Length` over the limit is
 * refused without reading; otherwise bytes are counted while reading (chunked uploads declare no
 * length), and reading stops at the first byte over the limit.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (cause) {
      throw new ProxyRefusal('body-unreadable', 400, 'The request body could not be read to the end (the upload was interrupted); send the request again.', { cause });
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (total === 0) return undefined;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** True for `application/json` and `application/*+json`, with or without parameters. */
export function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}
