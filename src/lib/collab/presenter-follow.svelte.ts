import { choiceAfterPresenterChange, decideFollow, type FollowChoice, type FollowDecision } from './follow-consent';
import type { MeetingLiveRoom } from './live-room.svelte';
import type { PresenterState } from './live-state';

/**
 * The reader's answers to "Follow the presenter?", one per meeting, for the life of the browser tab: they outlive
 * the document page (following takes the reader to another document, which mounts a new viewer) and a reload, and
 * are forgotten with the tab. Kept in sessionStorage, which holds nothing but a document id and a yes or no.
 */
class FollowChoices {
	#byMeeting = $state<Record<string, FollowChoice | null>>({});

	#key(meetingId: string): string {
		return `quorum:follow:${meetingId}`;
	}

	get(meetingId: string): FollowChoice | null {
		if (!(meetingId in this.#byMeeting)) {
			let stored: FollowChoice | null = null;
			try {
				const raw = JSON.parse(sessionStorage.getItem(this.#key(meetingId)) ?? 'null') as unknown;
				if (raw && typeof raw === 'object' && typeof (raw as FollowChoice).documentId === 'string' && typeof (raw as FollowChoice).follow === 'boolean') {
					stored = { documentId: (raw as FollowChoice).documentId, follow: (raw as FollowChoice).follow };
				}
			} catch {
				// Storage refused (private mode) or damaged: ask again, which is the safe side.
			}
			return stored;
		}
		return this.#byMeeting[meetingId] ?? null;
	}

	set(meetingId: string, choice: FollowChoice | null): void {
		this.#byMeeting[meetingId] = choice;
		try {
			if (choice) sessionStorage.setItem(this.#key(meetingId), JSON.stringify(choice));
			else sessionStorage.removeItem(this.#key(meetingId));
		} catch {
			// Kept in memory only.
		}
	}
}

export const followChoices = new FollowChoices();

/**
 * Following the presenter of one meeting from one place (a document, or the meeting page): what to do now (see
 * decideFollow) and the reader's answers.
 */
export class PresenterFollow {
	readonly #stop: () => void;

	constructor(
		readonly live: MeetingLiveRoom,
		readonly meetingId: string,
		readonly meId: string,
		/** The document shown here; null elsewhere in the meeting. */
		readonly hereDocumentId: string | null
	) {
		this.#stop = live.onPresenterChange((previous, next) => {
			const choice = followChoices.get(meetingId);
			const after = choiceAfterPresenterChange(choice, previous, next);
			if (after !== choice) followChoices.set(meetingId, after);
		});
	}

	get presenter(): PresenterState | null {
		return this.live.presenter;
	}

	get decision(): FollowDecision {
		return decideFollow({ presenter: this.live.presenter, meId: this.meId, hereDocumentId: this.hereDocumentId, choice: followChoices.get(this.meetingId) });
	}

	/** The presented document, if it is not the one shown here (following it means going there). */
	get elsewhere(): PresenterState | null {
		const p = this.live.presenter;
		return p && p.documentId !== this.hereDocumentId ? p : null;
	}

	/** Yes: follow this presentation (the caller takes the reader to the presented document if needed). */
	follow(): void {
		const p = this.live.presenter;
		if (p) followChoices.set(this.meetingId, { documentId: p.documentId, follow: true });
	}

	/** Not now, or the reader left following by hand: stay, and do not ask again while this document is presented. */
	stay(): void {
		const p = this.live.presenter;
		if (p) followChoices.set(this.meetingId, { documentId: p.documentId, follow: false });
	}

	/** The "presenting now" indicator: ask again. */
	askAgain(): void {
		followChoices.set(this.meetingId, null);
	}

	destroy(): void {
		this.#stop();
	}
}
