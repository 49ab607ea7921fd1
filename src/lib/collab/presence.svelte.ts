import type { Awareness } from 'y-protocols/awareness';
import { stripUnsafeCharacters } from '$lib/identity-text';
import type { Author } from './annotations';
import { byVi } from '$lib/collation';

/** What each tablet tells the others through the shared layer's awareness: kept this small on purpose. */
export interface PresenceState {
	user: Author;
	page: number;
}

export interface Viewer {
	user: Author;
	page: number;
}

/** Awareness goes to every client of the room (N² in a full room): page turns are sent at most this often. */
export const PRESENCE_INTERVAL_MS = 1_000;

function isPresence(value: unknown): value is PresenceState {
	if (!value || typeof value !== 'object') return false;
	const { user, page } = value as Record<string, unknown>;
	if (!user || typeof user !== 'object') return false;
	const { id, displayName } = user as Record<string, unknown>;
	return typeof id === 'string' && typeof displayName === 'string' && typeof page === 'number' && Number.isInteger(page) && page > 0;
}

/**
 * Who else is reading this document and on which page, from the shared annotation room's awareness (every
 * participant reads that room; observers too). States from other clients are untrusted input and narrowed.
 */
export class DocumentPresence {
	/** Everyone else, one entry per person (a second tablet of the same person counts once), by name. */
	viewers = $state.raw<Viewer[]>([]);
	#page = 0;
	#sentAt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #onChange = () => this.#read();

	constructor(
		private readonly awareness: Awareness,
		private readonly me: Author,
		page: number
	) {
		this.#page = page;
		this.#send();
		awareness.on('change', this.#onChange);
		this.#read();
	}

	/** Called on every page change; sends at once if the last update is old enough, else once the interval is up. */
	setPage(page: number): void {
		if (page === this.#page) return;
		this.#page = page;
		if (this.#timer) return;
		const wait = this.#sentAt + PRESENCE_INTERVAL_MS - Date.now();
		if (wait <= 0) this.#send();
		else this.#timer = setTimeout(() => this.#send(), wait);
	}

	#send(): void {
		this.#timer = null;
		this.#sentAt = Date.now();
		const state: PresenceState = { user: { id: this.me.id, displayName: this.me.displayName }, page: this.#page };
		this.awareness.setLocalState(state);
	}

	#read(): void {
		const byUser = new Map<string, Viewer>();
		for (const [clientId, state] of this.awareness.getStates()) {
			if (clientId === this.awareness.clientID || !isPresence(state) || state.user.id === this.me.id) continue;
			byUser.set(state.user.id, { user: { id: state.user.id, displayName: stripUnsafeCharacters(state.user.displayName).slice(0, 80) }, page: state.page });
		}
		this.viewers = [...byUser.values()].sort(byVi((v) => v.user.displayName, (v) => v.user.id));
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.awareness.off('change', this.#onChange);
		this.awareness.setLocalState(null);
	}
}
