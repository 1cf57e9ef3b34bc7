import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { formatBytes } from './import/decode-limits.ts';

/** Room for a multipart request's boundaries, part headers and `operations` around its file. */
export const MULTIPART_ENVELOPE_BYTES = 1024 * 1024;

const tooLarge = (uploadMaxBytes: number) =>
  createGraphQLError(
    `请求体超过上限：上传的文件或 JSON（如 verifyDraw 的导出）最多 ${formatBytes(uploadMaxBytes)}（IMPORT_MAX_BYTES）/ The request body is larger than the upload limit of ${uploadMaxBytes} bytes (IMPORT_MAX_BYTES)`,
    { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE', limit: 'IMPORT_MAX_BYTES', maxBytes: uploadMaxBytes } },
  );

/**
 * The one upload limit on GraphQL bodies, JSON and multipart alike, in place of yoga's own
 * (`maxRequestBodySize`, 25 MB by default, which refused files long before IMPORT_MAX_BYTES and
 * said so in English). Refused by Content-Length before reading, or by counting the bytes of a
 * body sent without one; either way the client gets 413 and the limit's name.
 */
export function useRequestBodyLimit(uploadMaxBytes: number): Plugin {
  const limit = uploadMaxBytes + MULTIPART_ENVELOPE_BYTES;
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!/^\d+$/.test(declared)) {
          throw createGraphQLError('Content-Length 无效 / The Content-Length header is invalid', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        }
        if (Number(declared) > limit) throw tooLarge(uploadMaxBytes);
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        let exceeded = false;
        // A native stream must go through a native TransformStream (yoga does the same).
        const Transform = req.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        let read = 0;
        const body = req.body!.pipeThrough(
          new Transform({
            transform(chunk: Uint8Array, controller) {
              read += chunk.byteLength;
              if (read > limit) {
                exceeded = true;
                controller.error(tooLarge(uploadMaxBytes));
                return;
              }
              controller.enqueue(chunk);
            },
          }),
        );
        const limited = new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body, duplex: 'half' } as RequestInit);
        try {
          return await parse(limited);
        } catch (error) {
          // The multipart parser wraps stream errors in its own "invalid multipart data".
          if (exceeded) throw tooLarge(uploadMaxBytes);
          throw error;
        }
      });
    },
  };
}
