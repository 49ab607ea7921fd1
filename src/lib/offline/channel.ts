/**
 * Tells every open page that an offline copy changed (the service worker dropped a document or a meeting the
 * user lost access to; another tab saved or removed one), so "Available offline" never outlives the data.
 */
const CHANNEL = 'quorum-offline';

export interface OfflineChange {
	type: 'changed';
	meetingId: string;
}

export function announceChange(meetingId: string): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage({ type: 'changed', meetingId } satisfies OfflineChange);
	channel.close();
}

/** Calls `listener` for every change announced elsewhere; returns the unsubscribe. */
export function onChange(listener: (change: OfflineChange) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = (event: MessageEvent<OfflineChange>) => {
		if (event.data?.type === 'changed') listener(event.data);
	};
	return () => channel.close();
}
