/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Quorum's service worker: the app shell from a versioned cache, pages the signed-in user opened (network first),
 * and the meetings the user explicitly made available offline (their pages, their meeting data and their
 * document files, answering pdf.js's range requests from the stored whole file).
 *
 * What it never does: serve an API or auth answer from a cache, except a saved meeting's data and document
 * files; store anything while it does not know who is signed in; keep one user's data once another user signs
 * in or anyone signs out. The rules of what goes where are in docs/architecture.md ("Offline").
 */
import { build, files, version } from '$service-worker';
import { offlineApiError, offlineFallbackPage } from '$lib/offline/fallback-page';
import {
	documentIdOfFilePath,
	isMeetingsPage,
	isSignIn,
	isSignOut,
	meetingCacheName,
	meetingOfApiPath,
	OFFLINE_COPY_HEADER,
	SHELL_PREFIX,
	shellCacheName
} from '$lib/offline/names';
import { parseMediaType } from '$lib/http/media-type';
import { answerFromStoredFile } from '$lib/offline/range';
import {
	claimForUser,
	findDocumentCopy,
	findStoredPage,
	forgetSession,
	offlineManifests,
	readSession,
	removeDocumentCopy,
	removeMeetingCopy,
	storedDocumentIds,
	storeOpenedPage,
	wipeUserData
} from '$lib/offline/store';
import { announceChange, onChange } from '$lib/offline/channel';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = shellCacheName(version);
const SHELL_ASSETS = new Set([...build, ...files]);

/** On a weak meeting-room Wi-Fi a page that has a stored copy is not worth waiting for longer than this. */
const NAVIGATION_PATIENCE_MS = 6000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(SHELL)).addAll([...SHELL_ASSETS]);
			// A new build takes over at once: the old shell's chunks are gone from the server anyway.
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (request.method !== 'GET') {
		// Not answered here: the request goes to the network untouched, so the logout answer's Clear-Site-Data
		// applies. The local wipe runs whatever the network does, so an offline sign-out still empties the tablet.
		if (isSignOut(request.method, url.pathname)) event.waitUntil(wipeUserData().finally(forgetStoredDocuments));
		else if (isSignIn(request.method, url.pathname)) event.waitUntil(forgetSession().finally(forgetStoredDocuments));
		return;
	}

	if (SHELL_ASSETS.has(url.pathname)) {
		event.respondWith(fromShell(request));
		return;
	}

	const documentId = documentIdOfFilePath(url.pathname);
	// A document nobody saved goes straight to the network, untouched: pdf.js's range requests and the abort of
	// its first whole-file request then behave exactly as without a worker.
	if (documentId && !(storedDocuments?.has(documentId) ?? true)) return;
	if (documentId) {
		const copy = storedDocument(documentId);
		event.respondWith(copy.then((found) => (found ? answerFromStoredFile(found.response, request.headers.get('range')) : fetch(request))));
		event.waitUntil(copy.then((found) => found && recheckAccess(found.userId, found.meetingId, documentId, found.response)));
		return;
	}

	const meetingId = meetingOfApiPath(url.pathname);
	if (meetingId) {
		event.respondWith(meetingData(event, meetingId));
		return;
	}

	if (request.mode === 'navigate') event.respondWith(navigation(event, url));
	// Everything else (other API calls, SvelteKit's __data.json, auth) goes to the network, never to a cache.
});

async function fromShell(request: Request): Promise<Response> {
	const hit = await caches.match(request, { cacheName: SHELL });
	return hit ?? fetch(request);
}

/**
 * Which documents the current user has stored, known synchronously so the fetch handler can stay out of the way
 * of all others. `null` while unknown (worker just started, or a change was announced): then every document
 * request takes the slower path that looks in the caches.
 */
let storedDocuments: Set<string> | null = null;
let storedDocumentsGeneration = 0;

function forgetStoredDocuments(): void {
	storedDocuments = null;
	const generation = ++storedDocumentsGeneration;
	void (async () => {
		const session = await readSession();
		const ids = session ? await storedDocumentIds(session.userId) : new Set<string>();
		// A change announced meanwhile started a newer count; this one is stale.
		if (generation === storedDocumentsGeneration) storedDocuments = ids;
	})().catch(() => undefined);
}

forgetStoredDocuments();
// Pages announce every save and removal; so does this worker when it drops a copy.
onChange(() => forgetStoredDocuments());

async function storedDocument(documentId: string) {
	const session = await readSession();
	if (!session) return null;
	const found = await findDocumentCopy(session.userId, documentId);
	return found && { ...found, userId: session.userId };
}

/** When each stored document was last checked against the server, in this worker's lifetime. */
const lastChecked = new Map<string, number>();
const RECHECK_MS = 10 * 60_000;

/**
 * A stored document is answered from the cache even online (no waiting on the Wi-Fi), but access can be
 * withdrawn: now and then ask the server, cheaply (a conditional one-byte request), and drop the copy on 403/404.
 */
async function recheckAccess(userId: string, meetingId: string, documentId: string, stored: Response): Promise<void> {
	if (!navigator.onLine) return;
	const now = Date.now();
	if (now - (lastChecked.get(documentId) ?? 0) < RECHECK_MS) return;
	lastChecked.set(documentId, now);
	try {
		// With the offline header: a document marked confidential since it was saved answers 403, and goes.
		const headers: Record<string, string> = { range: 'bytes=0-0', [OFFLINE_COPY_HEADER]: 'check' };
		const etag = stored.headers.get('etag');
		if (etag) headers['if-none-match'] = etag;
		const response = await fetch(`/api/v1/documents/${documentId}/file`, { headers, cache: 'no-store', credentials: 'same-origin' });
		await response.body?.cancel();
		if (response.status === 403 || response.status === 404) {
			await removeDocumentCopy(userId, meetingId, documentId);
			announceChange(meetingId);
		}
	} catch {
		lastChecked.delete(documentId);
	}
}

/** A saved meeting's data: network first; the saved answer only when the network fails. */
async function meetingData(event: FetchEvent, meetingId: string): Promise<Response> {
	const { request } = event;
	const url = new URL(request.url);
	try {
		const response = await fetch(request);
		const session = await readSession();
		if (session && (await caches.has(meetingCacheName(session.userId, meetingId)))) {
			const isMeeting = url.pathname === `/api/v1/meetings/${meetingId}`;
			// Only the meeting itself: its 404 means "not yours any more"; another path's 404 could mean "no such route".
			if (isMeeting && (response.status === 403 || response.status === 404)) {
				event.waitUntil(removeMeetingCopy(session.userId, meetingId).then(() => announceChange(meetingId)));
			} else if (response.ok) {
				const cache = await caches.open(meetingCacheName(session.userId, meetingId));
				event.waitUntil(cache.put(url.pathname, response.clone()));
			}
		}
		return response;
	} catch {
		const session = await readSession();
		if (!session) return Response.error();
		const hit = await caches.match(url.pathname, { cacheName: meetingCacheName(session.userId, meetingId) });
		return hit ?? offlineApiError(session.locale);
	}
}

interface Identity {
	user: { id: string } | null;
}

/**
 * Who the server says the cookie belongs to, asked in parallel with a page: the answer that decides whose
 * cache the page goes into. `undefined` when the server could not be asked.
 */
async function whoIsSignedIn(): Promise<Identity | undefined> {
	try {
		const response = await fetch('/api/v1/session', { cache: 'no-store', credentials: 'same-origin' });
		if (response.status === 401) return { user: null };
		if (!response.ok) return undefined;
		const body = (await response.json()) as { user?: { id?: unknown } };
		return typeof body.user?.id === 'string' ? { user: { id: body.user.id } } : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Pages: network first. A meeting page that answers 200 is stored for the user the server names; when the
 * network fails (or a gateway says the server is down, or a stored page exists and the network dawdles), the
 * stored page, else the offline page.
 */
async function navigation(event: FetchEvent, url: URL): Promise<Response> {
	const keep = isMeetingsPage(url.pathname);
	const identity = keep ? whoIsSignedIn() : undefined;
	const network = fetch(event.request);

	const remember = network.then(
		async (response) => {
			if (!identity) return;
			const who = await identity;
			if (!who) return;
			const before = await readSession();
			if (!who.user) {
				await forgetSession();
				if (before) forgetStoredDocuments();
				return;
			}
			await claimForUser(who.user.id);
			if (before?.userId !== who.user.id) forgetStoredDocuments();
			const html = parseMediaType(response.headers.get('content-type'))?.essence === 'text/html';
			if (response.status === 200 && response.type === 'basic' && html) await storeOpenedPage(who.user.id, url.href, response.clone());
		},
		() => undefined
	);
	event.waitUntil(remember);

	const stored = (async () => {
		const session = await readSession();
		if (!session) return null;
		return findStoredPage(session.userId, url.pathname === '/' ? new URL('/meetings', url).href : url.href);
	})();

	// Patience only when there is something stored to fall back to.
	const impatience = stored.then((page) => (page ? new Promise<null>((resolve) => setTimeout(() => resolve(null), NAVIGATION_PATIENCE_MS)) : new Promise<never>(() => {})));

	try {
		const first = await Promise.race([network, impatience]);
		if (first === null) return (await stored) ?? (await network);
		if (first.status >= 502 && first.status <= 504) return (await stored) ?? first;
		return first;
	} catch {
		const page = await stored;
		if (page) return page;
		const session = await readSession();
		return offlineFallbackPage(session?.locale ?? 'vi', session ? await offlineManifests(session.userId) : []);
	}
}

sw.addEventListener('message', (event) => {
	// A page may ask for the wipe directly (for a sign-out that did not go through /logout).
	if ((event.data as { type?: unknown } | null)?.type === 'wipe') event.waitUntil(wipeUserData().finally(forgetStoredDocuments));
});
