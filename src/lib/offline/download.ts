/**
 * "Make available offline" for one meeting, run by the page (so progress is exact and a download survives
 * client-side navigation): the meeting page, the meeting's data, and every newest document version — the whole
 * file and its viewer page — go into the meeting's cache of this user. The manifest is written last, so a copy
 * without one was never finished and is never called "available".
 */
import type { DocumentView } from '$lib/api-types';
import { parseMediaType } from '$lib/http/media-type';
import {
	documentFilePath,
	meetingApiPath,
	meetingCacheName,
	meetingDocumentsApiPath,
	meetingOfApiPath,
	meetingPath,
	viewerPath,
	OFFLINE_COPY_HEADER
} from './names';
import { claimForUser, readManifest, removeMeetingCopy, writeManifest, type OfflineDocument, type OfflineManifest } from './store';

export interface OfflineProgress {
	documentsDone: number;
	documentsTotal: number;
	bytesDone: number;
	bytesTotal: number;
}

export type OfflineErrorCode = 'offline' | 'quota' | 'gone' | 'failed' | 'aborted';

/** A failure the user can meet; the component turns the code into a sentence in the user's language. */
export class OfflineError extends Error {
	constructor(
		readonly code: OfflineErrorCode,
		/** For `quota`: how much was needed. */
		readonly bytes = 0
	) {
		super(code);
	}
}

/** The fields of the documents API a copy needs. */
type DocumentListItem = Pick<DocumentView, 'id' | 'latestVersionId' | 'title' | 'filename' | 'sha256' | 'sizeBytes' | 'pages'> & { confidential?: unknown };

function isDocumentListItem(value: unknown): value is DocumentListItem {
	if (typeof value !== 'object' || value === null) return false;
	const d = value as Record<string, unknown>;
	return (
		typeof d.id === 'string' &&
		typeof d.latestVersionId === 'string' &&
		typeof d.sha256 === 'string' &&
		typeof d.sizeBytes === 'number' &&
		typeof d.title === 'string'
	);
}

/** Page support: Cache Storage and a service worker to answer from it (both need a secure context). */
export function offlineSupported(): boolean {
	return typeof window !== 'undefined' && window.isSecureContext && 'caches' in window && 'serviceWorker' in navigator;
}

/**
 * A GET for the copy. 403/404 from the meeting's own data mean the user may not see it (any more): `gone`. A
 * page or a single file answering 404 is a broken link or a document just replaced, not a verdict: `failed`.
 */
async function get(url: string, signal: AbortSignal, accept = 'application/json'): Promise<Response> {
	let response: Response;
	try {
		// no-store: the file goes into Cache Storage; a second copy in the HTTP cache would only double the space.
		// The offline header tells the server this copy is to be kept, which it refuses for a confidential document.
		response = await fetch(url, { signal, cache: 'no-store', credentials: 'same-origin', headers: { accept, [OFFLINE_COPY_HEADER]: 'save' } });
	} catch (error) {
		if (signal.aborted) throw new OfflineError('aborted');
		throw new OfflineError(navigator.onLine ? 'failed' : 'offline', 0);
	}
	if ((response.status === 403 || response.status === 404) && meetingOfApiPath(url)) throw new OfflineError('gone');
	if (!response.ok || response.redirected) throw new OfflineError('failed');
	return response;
}

/**
 * The newest version of every document of the meeting, as the documents API lists them, except the confidential
 * ones: those are read online only (the server refuses them to the copier anyway, see OFFLINE_COPY_HEADER).
 */
export async function currentDocuments(meetingId: string, signal: AbortSignal): Promise<OfflineDocument[]> {
	const body = (await (await get(meetingDocumentsApiPath(meetingId), signal)).json()) as { documents?: unknown };
	const list = Array.isArray(body.documents) ? body.documents.filter(isDocumentListItem) : [];
	return list
		.filter((d) => d.id === d.latestVersionId && d.confidential !== true)
		.map((d) => ({ id: d.id, title: d.title, filename: d.filename, sha256: d.sha256, sizeBytes: d.sizeBytes, pages: d.pages }));
}

/** Whether a saved copy no longer matches the meeting's documents (one added, replaced by a version, removed). */
export function isOutdated(manifest: OfflineManifest, documents: OfflineDocument[]): boolean {
	const saved = new Set(manifest.documents.map((d) => d.id));
	return documents.length !== saved.size || documents.some((d) => !saved.has(d.id));
}

async function storePage(cache: Cache, path: string, signal: AbortSignal): Promise<void> {
	const response = await get(path, signal, 'text/html');
	if (parseMediaType(response.headers.get('content-type'))?.essence !== 'text/html') throw new OfflineError('failed');
	await cache.put(path, response);
}

/** Streams one file into the cache, reporting bytes as they arrive; checks the length against the list. */
async function storeFile(cache: Cache, doc: OfflineDocument, signal: AbortSignal, onBytes: (n: number) => void): Promise<void> {
	const path = documentFilePath(doc.id);
	const response = await get(path, signal, 'application/pdf');
	if (!response.body) throw new OfflineError('failed');
	const headers = new Headers({
		'content-type': response.headers.get('content-type') ?? 'application/pdf',
		'content-length': String(doc.sizeBytes),
		etag: response.headers.get('etag') ?? `"${doc.sha256}"`,
		'accept-ranges': 'bytes',
		'cache-control': 'private, no-cache'
	});
	// One branch goes to the cache, the other is counted for the progress bar.
	const [toCache, toCount] = response.body.tee();
	const stored = cache.put(path, new Response(toCache, { status: 200, headers }));
	stored.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
	let received = 0;
	const reader = toCount.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			received += value.byteLength;
			onBytes(value.byteLength);
		}
		await stored;
	} catch (error) {
		await cache.delete(path);
		if (signal.aborted) throw new OfflineError('aborted');
		if (error instanceof DOMException && error.name === 'QuotaExceededError') throw new OfflineError('quota', doc.sizeBytes);
		throw new OfflineError(navigator.onLine ? 'failed' : 'offline');
	}
	if (received !== doc.sizeBytes) {
		await cache.delete(path);
		throw new OfflineError('failed');
	}
}

async function hasFile(cache: Cache, doc: OfflineDocument): Promise<boolean> {
	const hit = await cache.match(documentFilePath(doc.id));
	return !!hit && hit.headers.get('etag') === `"${doc.sha256}"`;
}

/** The app shell must be in place too, or the saved pages would open without their code. */
async function shellReady(signal: AbortSignal): Promise<void> {
	const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new OfflineError('failed')), 30_000));
	const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new OfflineError('aborted'))));
	await Promise.race([navigator.serviceWorker.ready, timeout, aborted]);
}

export interface SaveOptions {
	userId: string;
	meetingId: string;
	/** The app build, recorded so pages saved by an older build are refreshed later. */
	appVersion: string;
	signal: AbortSignal;
	onProgress: (progress: OfflineProgress) => void;
}

/**
 * Saves (or brings up to date) the offline copy of a meeting. On failure a first copy is deleted whole; an
 * earlier complete copy is kept as it was (its files are only removed once the new manifest is written).
 */
export async function saveMeetingOffline({ userId, meetingId, appVersion, signal, onProgress }: SaveOptions): Promise<OfflineManifest> {
	await claimForUser(userId);
	const previous = await readManifest(userId, meetingId);
	const cache = await caches.open(meetingCacheName(userId, meetingId));
	try {
		// Ask the browser not to evict the copy when space runs low; a refusal changes nothing else.
		void navigator.storage?.persist?.().catch(() => false);

		const meetingResponse = await get(meetingApiPath(meetingId), signal);
		const meeting = (await meetingResponse.clone().json()) as { title?: unknown };
		await cache.put(meetingApiPath(meetingId), meetingResponse);
		const documentsResponse = await get(meetingDocumentsApiPath(meetingId), signal);
		await cache.put(meetingDocumentsApiPath(meetingId), documentsResponse.clone());
		const documents = await currentDocuments(meetingId, signal);

		const missing: OfflineDocument[] = [];
		for (const doc of documents) if (!(await hasFile(cache, doc))) missing.push(doc);
		const bytesTotal = documents.reduce((sum, d) => sum + d.sizeBytes, 0);
		const toFetch = missing.reduce((sum, d) => sum + d.sizeBytes, 0);
		const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
		if (estimate?.quota !== undefined && estimate.usage !== undefined && estimate.quota - estimate.usage < toFetch * 1.1) {
			throw new OfflineError('quota', toFetch);
		}

		const progress: OfflineProgress = {
			documentsDone: documents.length - missing.length,
			documentsTotal: documents.length,
			bytesDone: bytesTotal - toFetch,
			bytesTotal
		};
		onProgress({ ...progress });

		await storePage(cache, meetingPath(meetingId), signal);
		for (const doc of missing) {
			await storeFile(cache, doc, signal, (n) => {
				progress.bytesDone += n;
				onProgress({ ...progress });
			});
			progress.documentsDone += 1;
			onProgress({ ...progress });
		}
		// Viewer pages are small; refresh them all so they match the current build.
		for (const doc of documents) await storePage(cache, viewerPath(meetingId, doc.id), signal);
		await shellReady(signal);

		const manifest: OfflineManifest = {
			meetingId,
			userId,
			title: typeof meeting.title === 'string' ? meeting.title : '',
			savedAt: new Date().toISOString(),
			appVersion,
			documents,
			totalBytes: bytesTotal
		};
		await writeManifest(manifest);

		// Versions that were replaced or documents removed since the last save.
		const current = new Set(documents.map((d) => d.id));
		for (const old of previous?.documents ?? []) {
			if (current.has(old.id)) continue;
			await cache.delete(documentFilePath(old.id));
			await cache.delete(viewerPath(meetingId, old.id));
		}
		return manifest;
	} catch (error) {
		const failure = error instanceof OfflineError ? error : new OfflineError(navigator.onLine ? 'failed' : 'offline');
		if (!previous || failure.code === 'gone') await removeMeetingCopy(userId, meetingId);
		throw failure;
	}
}
