/**
 * Access can be withdrawn while a tablet holds a meeting offline. Whenever the app starts or the network comes
 * back, the user's meeting list decides: copies and opened pages of meetings no longer listed are deleted.
 * Copies saved by an older build get their pages fetched again, so they load the chunks this build precached.
 */
import { announceChange } from './channel';
import { meetingCacheName, meetingPath, viewerPath } from './names';
import { offlineMeetingIds, readManifest, removeMeetingCopy, removeOpenedPages, writeManifest, type OfflineManifest } from './store';

export async function sweepOfflineCopies(userId: string, appVersion: string): Promise<void> {
	let response: Response;
	try {
		response = await fetch('/api/v1/meetings', { cache: 'no-store', credentials: 'same-origin' });
	} catch {
		return; // still offline, or the server is away: keep everything until we can ask
	}
	// 401: signed out elsewhere or expired. Not the moment to judge access; the next sign-in decides.
	if (response.status !== 200) return;
	const body = (await response.json()) as { meetings?: unknown };
	const visible = new Set<string>();
	for (const meeting of Array.isArray(body.meetings) ? body.meetings : []) {
		const id = (meeting as { id?: unknown } | null)?.id;
		if (typeof id === 'string') visible.add(id);
	}

	for (const meetingId of await offlineMeetingIds(userId)) {
		if (!visible.has(meetingId)) {
			await removeMeetingCopy(userId, meetingId);
			announceChange(meetingId);
			continue;
		}
		const manifest = await readManifest(userId, meetingId);
		if (manifest && manifest.appVersion !== appVersion) await refreshPages(manifest, appVersion);
	}
	await removeOpenedPages(userId, visible);
}

async function refreshPages(manifest: OfflineManifest, appVersion: string): Promise<void> {
	const { userId, meetingId } = manifest;
	const cache = await caches.open(meetingCacheName(userId, meetingId));
	const paths = [meetingPath(meetingId), ...manifest.documents.map((d) => viewerPath(meetingId, d.id))];
	for (const path of paths) {
		try {
			const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'text/html' } });
			if (!response.ok || response.redirected) return;
			await cache.put(path, response);
		} catch {
			return;
		}
	}
	await writeManifest({ ...manifest, appVersion });
}
