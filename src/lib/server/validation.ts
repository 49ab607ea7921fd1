import { z } from 'zod';
import { isJsonMediaType } from '$lib/http/media-type';
import { IDENTITY_TEXT_PROBLEMS, identityTextProblem, normaliseIdentityText, type IdentityTextProblem } from '$lib/identity-text';
import { AppError, payloadTooLarge, type ErrorCode, type FieldIssue } from './errors';

/** Narrows unknown input with a schema; a failure becomes a 400 that names every bad field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields = result.error.issues.map((issue): FieldIssue => {
		const field: FieldIssue = { path: issue.path.join('.') || '(body)', message: issue.message };
		const reason = reasonOf(issue);
		return reason ? { ...field, reason } : field;
	});
	throw new AppError('validation_failed', 'input is not valid', { fields });
}

/** The stable reason a refinement below attached to its issue, if any. */
function reasonOf(issue: z.core.$ZodIssue): IdentityTextProblem | undefined {
	if (issue.code !== 'custom') return undefined;
	const reason: unknown = issue.params?.reason;
	return IDENTITY_TEXT_PROBLEMS.find((known) => known === reason);
}

/**
 * JSON bodies are small (a meeting, an agenda item, a ballot). BODY_SIZE_LIMIT is raised for PDF uploads, so
 * without this cap any JSON endpoint would accept, and buffer, a body as large as the largest allowed PDF.
 */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body; anything that is not JSON is a 400, not a 500; anything over MAX_JSON_BYTES a 413. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
	if (!isJsonMediaType(request.headers.get('content-type'))) {
		throw new AppError('invalid_json', 'send a JSON body with Content-Type: application/json');
	}
	const text = await readTextCapped(request, maxBytes);
	try {
		return JSON.parse(text);
	} catch {
		throw new AppError('invalid_json', 'the request body is not valid JSON');
	}
}

/**
 * The body as UTF-8 text, counting bytes as they arrive so a chunked body cannot get past the cap either.
 * Past the cap the rest is still read, and dropped: a client that is still sending cannot read our 413, and
 * a half-read body would leave its keep-alive connection stuck. adapter-node bounds the reading at
 * BODY_SIZE_LIMIT (and does not read at all when Content-Length is over it; Node then drops the body itself).
 */
async function readTextCapped(request: Request, maxBytes: number): Promise<string> {
	return new TextDecoder().decode(await readBytesCapped(request, maxBytes, 'invalid_json'));
}

/** The body's bytes, capped like a JSON body (see above); `unreadable` is the code of a body that breaks off. */
export async function readBytesCapped(request: Request, maxBytes: number, unreadable: ErrorCode = 'bad_request'): Promise<Uint8Array> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array>;
		try {
			next = await reader.read();
		} catch (e) {
			if (e instanceof Error && 'status' in e && e.status === 413) throw payloadTooLarge(maxBytes, 'body over BODY_SIZE_LIMIT');
			throw new AppError(unreadable, 'the request body could not be read');
		}
		if (next.done) break;
		size += next.value.byteLength;
		if (size <= maxBytes) chunks.push(next.value);
	}
	if (size > maxBytes) throw payloadTooLarge(maxBytes, unreadable === 'invalid_json' ? 'the JSON body is larger than allowed' : 'the body is larger than allowed');
	return new Uint8Array(Buffer.concat(chunks));
}

export const trimmed = (max: number) => z.string().trim().max(max);

const IDENTITY_HINTS: Record<IdentityTextProblem, string> = {
	control_character: 'must not contain control characters',
	bidi_control: 'must not contain bidirectional control characters',
	no_visible_character: 'must contain a visible character'
};

/**
 * A name or a title (see identity-text.ts): trimmed, NFC, refused with a `reason` when it could show something
 * other than what it is. The length counts composed characters, as people count them.
 */
export const identityText = (max: number) => identityChecks(z.string().overwrite(normaliseIdentityText).min(1).max(max));

/** The same for a name that may be left empty (a meeting's location, a presenter). */
export const optionalIdentityText = (max: number) => identityChecks(z.string().overwrite(normaliseIdentityText).max(max));

function identityChecks(schema: z.ZodString): z.ZodString {
	return schema.superRefine((value, ctx) => {
		// Empty is for min(1) to refuse (or allowed): "no visible character" would only repeat it.
		if (value === '') return;
		const reason = identityTextProblem(value);
		if (reason) ctx.addIssue({ code: 'custom', message: IDENTITY_HINTS[reason], params: { reason } });
	});
}

/** An instant as ISO-8601 with an offset (or Z), or epoch milliseconds. */
export const instant = z.union([
	z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
	z.number().int().nonnegative().transform((n) => new Date(n))
]);
