import { m } from '$lib/paraglide/messages';

/** What a call to the JSON API comes back as: the body, or the error a person can read. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

/**
 * One call to /api/v1. The server answers errors in the caller's language (the locale cookie, then
 * Accept-Language), so its `message` is shown as it is; only a failed network or a non-JSON answer gets our own.
 */
export async function api<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetch(`/api/v1${path}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, status: 0, code: 'network', message: m.vote_error_network() };
	}
	const text = await res.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// A proxy's HTML error page, or SvelteKit's plain-text CSRF answer.
	}
	if (res.ok) return { ok: true, data: parsed as T };
	const error = isApiError(parsed) ? parsed.error : null;
	return {
		ok: false,
		status: res.status,
		code: error?.code ?? 'unknown',
		message: error?.errorId ? m.vote_error_id({ id: error.errorId }) : (error?.message ?? m.vote_error_network())
	};
}

function isApiError(value: unknown): value is { error: { code: string; message: string; errorId?: string } } {
	if (!value || typeof value !== 'object' || !('error' in value)) return false;
	const error = (value as { error: unknown }).error;
	return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { message?: unknown }).message === 'string';
}
