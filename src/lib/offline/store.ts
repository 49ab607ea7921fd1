/**
 * Offline data in Cache Storage, used by the service worker and by the pages alike (`caches` exists in both).
 * Nothing here touches the DOM or the service worker global scope.
 */
import {
	MANIFEST_KEY,
	META_CACHE,
	SESSION_KEY,
	cacheOwner,
	documentFilePath,
	documentIdOfFilePath,
	isUserCache,
	meetingCacheName,
	meetingOfCache,
	meetingOfPagePath,
	pagesCacheName,
	viewerPath
} from './names';

/** The signed-in user the offline data belongs to, as last seen online. */
export interface OfflineSession {
	userId: string;
	/** For the offline fallback page, which cannot read the locale cookie. */
	locale: 'vi' | 'en';
}

export interface OfflineDocument {
	id: string;
	title: string;
	filename: string;
	sha256: string;
	sizeBytes: number;
	pages: number;
}

/** What a finished "make available offline" stored for one meeting. Written last: no manifest, no copy. */
export interface OfflineManifest {
	meetingId: string;
	userId: string;
	title: string;
	savedAt: string;
	/** The app build the pages were saved with; pages of an older build are refreshed when online. */
	appVersion: string;
	documents: OfflineDocument[];
	totalBytes: number;
}

const jsonResponse = (value: unknown) =>
	new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/*
 * Reads never use `caches.open`, which creates a missing cache: a read racing a sign-out's wipe would otherwise
 * bring an (empty) cache back after Clear-Site-Data.
 */

export async function readSession(): Promise<OfflineSession | null> {
	const hit = await caches.match(SESSION_KEY, { cacheName: META_CACHE });
	return hit ? ((await hit.json()) as OfflineSession) : null;
}

/** Forget who is signed in without deleting anything: nothing new is attributed until we know again. */
export async function forgetSession(): Promise<void> {
	if (await caches.has(META_CACHE)) await (await caches.open(META_CACHE)).delete(SESSION_KEY);
}

/**
 * `userId` is the signed-in user now. Every cache of any other user is deleted first: a tablet handed to the
 * next person keeps nothing of the previous one's meetings.
 */
export async function claimForUser(userId: string, locale?: OfflineSession['locale']): Promise<void> {
	const previous = await readSession();
	for (const name of await caches.keys()) {
		const owner = cacheOwner(name);
		if (owner !== null && owner !== userId) await caches.delete(name);
	}
	const session: OfflineSession = { userId, locale: locale ?? (previous?.userId === userId ? previous.locale : 'vi') };
	if (previous?.userId === session.userId && previous.locale === session.locale) return;
	await (await caches.open(META_CACHE)).put(SESSION_KEY, jsonResponse(session));
}

/** Sign-out: every user's pages, documents and the session marker. The app shell stays (it holds no user data). */
export async function wipeUserData(): Promise<void> {
	for (const name of await caches.keys()) {
		if (isUserCache(name) || name === META_CACHE) await caches.delete(name);
	}
}

/** Meetings `userId` has an offline copy of (a cache; see `readManifest` for whether it is complete). */
export async function offlineMeetingIds(userId: string): Promise<string[]> {
	const ids: string[] = [];
	for (const name of await caches.keys()) {
		const id = meetingOfCache(name, userId);
		if (id) ids.push(id);
	}
	return ids;
}

export async function readManifest(userId: string, meetingId: string): Promise<OfflineManifest | null> {
	const hit = await caches.match(MANIFEST_KEY, { cacheName: meetingCacheName(userId, meetingId) });
	return hit ? ((await hit.json()) as OfflineManifest) : null;
}

export async function writeManifest(manifest: OfflineManifest): Promise<void> {
	const cache = await caches.open(meetingCacheName(manifest.userId, manifest.meetingId));
	await cache.put(MANIFEST_KEY, jsonResponse(manifest));
}

/** Every complete offline copy of `userId`, for the fallback page's list. */
export async function offlineManifests(userId: string): Promise<OfflineManifest[]> {
	const found: OfflineManifest[] = [];
	for (const id of await offlineMeetingIds(userId)) {
		const manifest = await readManifest(userId, id);
		if (manifest) found.push(manifest);
	}
	return found;
}

export async function removeMeetingCopy(userId: string, meetingId: string): Promise<boolean> {
	return caches.delete(meetingCacheName(userId, meetingId));
}

/** The stored whole file of a document, from whichever of the user's meeting copies has it. */
export async function findDocumentCopy(userId: string, documentId: string): Promise<{ meetingId: string; response: Response } | null> {
	const path = documentFilePath(documentId);
	for (const meetingId of await offlineMeetingIds(userId)) {
		const response = await caches.match(path, { cacheName: meetingCacheName(userId, meetingId) });
		if (response) return { meetingId, response };
	}
	return null;
}

/** Ids of every document file stored for `userId`, in any meeting copy. */
export async function storedDocumentIds(userId: string): Promise<Set<string>> {
	const ids = new Set<string>();
	for (const meetingId of await offlineMeetingIds(userId)) {
		if (!(await caches.has(meetingCacheName(userId, meetingId)))) continue; // deleted meanwhile; open() would recreate it
		for (const request of await (await caches.open(meetingCacheName(userId, meetingId))).keys()) {
			const id = documentIdOfFilePath(new URL(request.url).pathname);
			if (id) ids.add(id);
		}
	}
	return ids;
}

/** A document the user may no longer read: its file, its viewer page and its line in the manifest go. */
export async function removeDocumentCopy(userId: string, meetingId: string, documentId: string): Promise<void> {
	if (!(await caches.has(meetingCacheName(userId, meetingId)))) return;
	const cache = await caches.open(meetingCacheName(userId, meetingId));
	await cache.delete(documentFilePath(documentId));
	await cache.delete(viewerPath(meetingId, documentId));
	const manifest = await readManifest(userId, meetingId);
	if (!manifest) return;
	const documents = manifest.documents.filter((d) => d.id !== documentId);
	if (documents.length === manifest.documents.length) return;
	await writeManifest({ ...manifest, documents, totalBytes: documents.reduce((sum, d) => sum + d.sizeBytes, 0) });
}

/** A stored page (or stored meeting data): explicit offline copies first, then pages the user opened. */
export async function findStoredPage(userId: string, url: string): Promise<Response | null> {
	const options: CacheQueryOptions = { ignoreSearch: true, ignoreVary: true };
	for (const meetingId of await offlineMeetingIds(userId)) {
		const hit = await caches.match(url, { ...options, cacheName: meetingCacheName(userId, meetingId) });
		if (hit) return hit;
	}
	return (await caches.match(url, { ...options, cacheName: pagesCacheName(userId) })) ?? null;
}

/** At most this many opened pages are kept per user; the oldest go first. Explicit copies are not counted. */
const MAX_OPENED_PAGES = 80;

/** Keeps a page the user opened online, so it opens again offline. Also refreshes it in an offline copy. */
export async function storeOpenedPage(userId: string, url: string, response: Response): Promise<void> {
	const path = new URL(url).pathname;
	const body = await response.blob();
	const copy = () => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
	for (const meetingId of await offlineMeetingIds(userId)) {
		const cache = await caches.open(meetingCacheName(userId, meetingId));
		if (await cache.match(path, { ignoreSearch: true })) await cache.put(path, copy());
	}
	const cache = await caches.open(pagesCacheName(userId));
	// Delete first so the page moves to the end of the insertion order the trimming relies on.
	await cache.delete(url);
	await cache.put(url, copy());
	const keys = await cache.keys();
	for (const key of keys.slice(0, Math.max(0, keys.length - MAX_OPENED_PAGES))) await cache.delete(key);
}

/** Opened pages of meetings the user may no longer see. */
export async function removeOpenedPages(userId: string, visible: ReadonlySet<string>): Promise<void> {
	if (!(await caches.has(pagesCacheName(userId)))) return;
	const cache = await caches.open(pagesCacheName(userId));
	for (const request of await cache.keys()) {
		const meetingId = meetingOfPagePath(new URL(request.url).pathname);
		if (meetingId && !visible.has(meetingId)) await cache.delete(request);
	}
}
