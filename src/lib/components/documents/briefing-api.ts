/**
 * The secretariat's document changes from the meeting page: small JSON calls to the API (docs/api.md,
 * "Documents"), answered with the server's own message in the reader's language when refused.
 */

export class BriefingError extends Error {}

async function send(method: 'PATCH' | 'PUT', url: string, body: unknown): Promise<void> {
	let response: Response;
	try {
		response = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
	} catch {
		throw new BriefingError('');
	}
	if (response.ok) return;
	const answer = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
	throw new BriefingError(typeof answer?.error?.message === 'string' ? answer.error.message : '');
}

/** Renames and/or (un)marks confidential the whole series of `documentId`. */
export const updateDocument = (documentId: string, change: { title?: string; confidential?: boolean }) =>
	send('PATCH', `/api/v1/documents/${documentId}`, change);

/** Sets the order of an agenda item's documents, by series, first to last. */
export const orderDocuments = (meetingId: string, itemId: string, seriesIds: string[]) =>
	send('PUT', `/api/v1/meetings/${meetingId}/agenda/${itemId}/documents/order`, { seriesIds });
