import { browser, version } from '$app/environment';
import { announceChange } from './channel';
import { currentDocuments, isOutdated, OfflineError, offlineSupported, saveMeetingOffline, type OfflineProgress } from './download';
import { readManifest, removeMeetingCopy, type OfflineManifest } from './store';

export type OfflineStatus = 'checking' | 'unsupported' | 'idle' | 'saving' | 'ready';
/** The last thing that happened, for the polite status line. */
export type OfflineNotice = 'removed' | 'cancelled' | null;

/**
 * The offline copy of one meeting as the page sees it. One instance per user and meeting lives for the whole
 * browser session, so a download keeps going (and its progress stays visible) across client-side navigation.
 */
export class MeetingOffline {
	status = $state<OfflineStatus>('checking');
	progress = $state<OfflineProgress | null>(null);
	manifest = $state<OfflineManifest | null>(null);
	/** The meeting's documents changed since the copy was saved. */
	outdated = $state(false);
	error = $state<OfflineError | null>(null);
	notice = $state<OfflineNotice>(null);
	#controller: AbortController | null = null;

	constructor(
		readonly userId: string,
		readonly meetingId: string
	) {}

	/** Reads the stored copy; online, also asks the server whether it is still complete and still ours. */
	async refresh(): Promise<void> {
		if (!offlineSupported()) {
			this.status = 'unsupported';
			return;
		}
		if (this.status === 'saving') return;
		this.manifest = await readManifest(this.userId, this.meetingId);
		this.status = this.manifest ? 'ready' : 'idle';
		if (!this.manifest || !navigator.onLine) return;
		try {
			const documents = await currentDocuments(this.meetingId, new AbortController().signal);
			this.outdated = !!this.manifest && isOutdated(this.manifest, documents);
		} catch (error) {
			if (error instanceof OfflineError && error.code === 'gone') {
				await removeMeetingCopy(this.userId, this.meetingId);
				this.manifest = null;
				this.status = 'idle';
				this.error = error;
			}
			// Anything else (a dropped connection) leaves the copy as it is.
		}
	}

	async save(): Promise<void> {
		if (this.status === 'saving' || this.status === 'unsupported') return;
		const controller = new AbortController();
		this.#controller = controller;
		this.status = 'saving';
		this.error = null;
		this.notice = null;
		this.progress = null;
		try {
			this.manifest = await saveMeetingOffline({
				userId: this.userId,
				meetingId: this.meetingId,
				appVersion: version,
				signal: controller.signal,
				onProgress: (progress) => (this.progress = progress)
			});
			this.outdated = false;
			this.status = 'ready';
			announceChange(this.meetingId);
		} catch (error) {
			const failure = error instanceof OfflineError ? error : new OfflineError('failed');
			if (failure.code === 'aborted') this.notice = 'cancelled';
			else this.error = failure;
			this.manifest = await readManifest(this.userId, this.meetingId);
			this.status = this.manifest ? 'ready' : 'idle';
		} finally {
			this.#controller = null;
			this.progress = null;
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}

	async remove(): Promise<void> {
		if (this.status === 'saving') return;
		await removeMeetingCopy(this.userId, this.meetingId);
		this.manifest = null;
		this.outdated = false;
		this.error = null;
		this.notice = 'removed';
		this.status = 'idle';
		announceChange(this.meetingId);
	}
}

const instances = new Map<string, MeetingOffline>();

export function meetingOffline(userId: string, meetingId: string): MeetingOffline {
	// On the server every render gets its own: module state there would be shared between users.
	if (!browser) return new MeetingOffline(userId, meetingId);
	const key = `${userId}:${meetingId}`;
	let instance = instances.get(key);
	if (!instance) instances.set(key, (instance = new MeetingOffline(userId, meetingId)));
	return instance;
}
