import type { PresenterState, ShownResultState } from '../../collab/live-state';

/**
 * Who presents what in each meeting, and which earlier result the chair shows again: the parts of the live room that
 * are not in the database. They are pointers ("the chair shows page 4 now"), kept in memory for the process's life so that a room built again after its last
 * tablet left still has it; a restart forgets it, and tablets follow again from the presenter's next page turn.
 * On globalThis for the same reason as the hub: under `vite dev` two copies of this module are loaded.
 */
export interface Presenting {
	presenter: PresenterState | null;
	/** The agenda item of the document shown last, or the one the chair set from the console. */
	currentAgendaItemId: string | null;
	shownResult: ShownResultState | null;
}

const KEY = Symbol.for('quorum.presenting');
type Holder = { [KEY]?: Map<string, Presenting> };

function all(): Map<string, Presenting> {
	return ((globalThis as Holder)[KEY] ??= new Map());
}

export function presentingOf(meetingId: string): Presenting {
	return all().get(meetingId) ?? { presenter: null, currentAgendaItemId: null, shownResult: null };
}

export function setPresenting(meetingId: string, change: Partial<Presenting>): Presenting {
	const next = { ...presentingOf(meetingId), ...change };
	all().set(meetingId, next);
	return next;
}
