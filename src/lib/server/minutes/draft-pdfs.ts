import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { sha256Hex } from '../archive/canonical';

/**
 * Draft PDFs, rendered once per content. The renderer takes a tenth to most of a second of the one thread that
 * also carries ballots and annotations; a room of tablets pressing "PDF" at the same moment must not queue that
 * many renders. The bytes depend on the input alone, so a draft whose input has not changed is the same file: the
 * last one of each meeting is kept, and requests arriving while it renders wait for that render.
 */
export class DraftPdfs {
	readonly #byMeeting = new Map<string, { key: string; bytes: Promise<Uint8Array> }>();

	constructor(
		private readonly render: (input: MinutesPdfInput) => Promise<Uint8Array>,
		/** Meetings whose last draft is kept; the oldest goes first. */
		private readonly capacity = 16
	) {}

	get(meetingId: string, input: MinutesPdfInput): Promise<Uint8Array> {
		const key = sha256Hex(JSON.stringify(input));
		const kept = this.#byMeeting.get(meetingId);
		// Re-inserted either way: the meeting asked last is the last to go.
		this.#byMeeting.delete(meetingId);
		if (kept?.key === key) {
			this.#byMeeting.set(meetingId, kept);
			return kept.bytes;
		}
		const bytes = this.render(input);
		const entry = { key, bytes };
		this.#byMeeting.set(meetingId, entry);
		if (this.#byMeeting.size > this.capacity) this.#byMeeting.delete(this.#byMeeting.keys().next().value!);
		// A failed render is not kept: the next request tries again.
		bytes.catch(() => {
			if (this.#byMeeting.get(meetingId) === entry) this.#byMeeting.delete(meetingId);
		});
		return bytes;
	}

	/** The minutes were approved: their PDF is the archived one from now on. */
	forget(meetingId: string): void {
		this.#byMeeting.delete(meetingId);
	}
}
