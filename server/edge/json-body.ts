import type { IncomingMessage } from 'node:http';
import { isJsonMediaType } from '../../src/lib/http/media-type';
import { AppError, payloadTooLarge } from '../../src/lib/server/errors';
import { MAX_JSON_BYTES } from '../../src/lib/server/validation';

/**
 * validation.ts `readJson` on a node request: `application/json` (parameters allowed, nothing else), at most
 * MAX_JSON_BYTES. Past the cap the rest is still read and dropped: a client still sending cannot read the 413,
 * and a half-read body would leave its keep-alive connection stuck.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
	if (!isJsonMediaType(req.headers['content-type'])) {
		throw new AppError('invalid_json', 'send a JSON body with Content-Type: application/json');
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.byteLength;
		if (size <= maxBytes) chunks.push(chunk);
	}
	if (size > maxBytes) throw payloadTooLarge(maxBytes, 'the JSON body is larger than allowed');
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new AppError('invalid_json', 'the request body is not valid JSON');
	}
}
