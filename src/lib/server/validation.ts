import { z } from 'zod';
import { AppError } from './errors';

/** Narrows unknown input with a schema; a failure becomes a 400 that names every bad field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
	throw new AppError('validation_failed', 'input is not valid', { fields });
}

/** Reads a JSON body; anything that is not JSON is a 400, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().includes('application/json')) {
		throw new AppError('invalid_json', 'send a JSON body with Content-Type: application/json');
	}
	try {
		return await request.json();
	} catch {
		throw new AppError('invalid_json', 'the request body is not valid JSON');
	}
}

export const trimmed = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** An instant as ISO-8601 with an offset (or Z), or epoch milliseconds. */
export const instant = z.union([
	z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
	z.number().int().nonnegative().transform((n) => new Date(n))
]);
