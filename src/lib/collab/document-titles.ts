/**
 * Titles of a meeting's documents, for naming the presented document in the follow prompt: the live room carries
 * only its id. Asked for once per meeting and tab; a failure (offline) leaves the prompt without the title.
 */
const cache = new Map<string, Promise<Map<string, string>>>();

async function load(meetingId: string): Promise<Map<string, string>> {
	const res = await fetch(`/api/v1/meetings/${encodeURIComponent(meetingId)}/documents`);
	if (!res.ok) throw new Error(`documents: ${res.status}`);
	const body = (await res.json()) as { documents?: unknown };
	const titles = new Map<string, string>();
	if (Array.isArray(body.documents)) {
		for (const d of body.documents as { id?: unknown; title?: unknown }[]) {
			if (typeof d.id === 'string' && typeof d.title === 'string') titles.set(d.id, d.title);
		}
	}
	return titles;
}

export async function documentTitle(meetingId: string, documentId: string): Promise<string | null> {
	let titles = cache.get(meetingId);
	if (!titles) {
		titles = load(meetingId);
		cache.set(meetingId, titles);
		// A failed look-up is tried again next time rather than remembered.
		titles.catch(() => cache.delete(meetingId));
	}
	try {
		const found = (await titles).get(documentId);
		if (found !== undefined) return found;
		// A document uploaded after the list was read: read it again once.
		cache.delete(meetingId);
		return (await load(meetingId)).get(documentId) ?? null;
	} catch {
		return null;
	}
}
