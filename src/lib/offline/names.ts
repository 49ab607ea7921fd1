/**
 * Names shared by the service worker and the pages: cache names, the synthetic keys kept in them, and the URL
 * shapes the service worker routes on. Both sides must agree on every one of these, so they live in one file
 * that imports nothing.
 *
 * Every cache that holds something a user could only see signed in has that user's id in its name. Deleting a
 * user's data is then a matter of deleting caches by name, and a cache of one user can never answer for another.
 */

/** The app shell of one build: JS, CSS, static files. Holds nothing about any user. */
export const SHELL_PREFIX = 'quorum-shell-';
/** Who the offline data belongs to (`SESSION_KEY`). */
export const META_CACHE = 'quorum-meta';
/** Pages a user opened while online, kept so they open again offline: `quorum-pages:<userId>`. */
const PAGES_PREFIX = 'quorum-pages:';
/** What the user made available offline for one meeting: `quorum-meeting:<userId>:<meetingId>`. */
const MEETING_PREFIX = 'quorum-meeting:';

/** Synthetic keys; never requested by a page, so the service worker never serves them. */
export const SESSION_KEY = '/__quorum-offline/session';
export const MANIFEST_KEY = '/__quorum-offline/manifest';

export const shellCacheName = (version: string) => `${SHELL_PREFIX}${version}`;
export const pagesCacheName = (userId: string) => `${PAGES_PREFIX}${userId}`;
export const meetingCacheName = (userId: string, meetingId: string) => `${MEETING_PREFIX}${userId}:${meetingId}`;

/** A cache holding a user's data, of any user. */
export function isUserCache(name: string): boolean {
	return name.startsWith(PAGES_PREFIX) || name.startsWith(MEETING_PREFIX);
}

/** The user a cache belongs to, or null for the shell and the meta cache. */
export function cacheOwner(name: string): string | null {
	if (name.startsWith(PAGES_PREFIX)) return name.slice(PAGES_PREFIX.length);
	if (name.startsWith(MEETING_PREFIX)) return name.slice(MEETING_PREFIX.length).split(':')[0] ?? null;
	return null;
}

/** The meeting of a `quorum-meeting:` cache that belongs to `userId`, else null. */
export function meetingOfCache(name: string, userId: string): string | null {
	const prefix = `${MEETING_PREFIX}${userId}:`;
	return name.startsWith(prefix) ? name.slice(prefix.length) : null;
}

/**
 * Sent with every request that fetches something to keep offline; the server refuses a confidential document's
 * file to it (src/lib/server/documents/confidential.ts, which must use the same name).
 */
export const OFFLINE_COPY_HEADER = 'x-quorum-offline';

// URL shapes. Ids are opaque path segments.
export const meetingPath = (meetingId: string) => `/meetings/${meetingId}`;
export const viewerPath = (meetingId: string, documentId: string) => `/meetings/${meetingId}/documents/${documentId}`;
export const documentFilePath = (documentId: string) => `/api/v1/documents/${documentId}/file`;
export const meetingApiPath = (meetingId: string) => `/api/v1/meetings/${meetingId}`;
export const meetingDocumentsApiPath = (meetingId: string) => `/api/v1/meetings/${meetingId}/documents`;

/** `/api/v1/documents/<id>/file` → the id. */
export function documentIdOfFilePath(pathname: string): string | null {
	return /^\/api\/v1\/documents\/([^/]+)\/file$/.exec(pathname)?.[1] ?? null;
}

/** `/api/v1/meetings/<id>` and `/api/v1/meetings/<id>/documents`: the meeting data an offline copy keeps. */
export function meetingOfApiPath(pathname: string): string | null {
	return /^\/api\/v1\/meetings\/([^/]+)(?:\/documents)?$/.exec(pathname)?.[1] ?? null;
}

/** The pages worth keeping for offline reading: the meeting list and everything under one meeting. */
export function isMeetingsPage(pathname: string): boolean {
	return pathname === '/meetings' || (pathname.startsWith('/meetings/') && !pathname.startsWith('/meetings/new'));
}

/** `/meetings/<id>/…` → the id (not for `/meetings/new`). */
export function meetingOfPagePath(pathname: string): string | null {
	const id = /^\/meetings\/([^/]+)/.exec(pathname)?.[1];
	return id && id !== 'new' ? id : null;
}

/** Requests that end a session: every user's offline data goes with them. */
export function isSignOut(method: string, pathname: string): boolean {
	return (method === 'POST' && pathname === '/logout') || (method === 'DELETE' && pathname === '/api/v1/session');
}

/** Requests that may start a session for someone else: stop attributing pages until we know who it is. */
export function isSignIn(method: string, pathname: string): boolean {
	return method === 'POST' && (pathname === '/login' || pathname === '/api/v1/session');
}
