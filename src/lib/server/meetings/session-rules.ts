import type { MeetingStatus } from '../db/schema';

/**
 * How a meeting's status moves on its own, as a plain table so the rule is tested without a database.
 * `start`: the chair's (or the secretariat's) "start"; `check_in`: somebody checked in; `end`: the chair ends it.
 */
export type SessionEvent = 'start' | 'check_in' | 'end';

/** The new status, `same` when nothing changes, or the refusal's error code. */
export type SessionTransition = { to: MeetingStatus } | { same: true } | { refused: 'meeting_closed' | 'meeting_not_started' };

export function sessionTransition(from: MeetingStatus, event: SessionEvent): SessionTransition {
	switch (event) {
		case 'start':
			// A draft the secretariat has not published can still be started by hand: the chair is in the room.
			if (from === 'draft' || from === 'scheduled') return { to: 'in_progress' };
			if (from === 'in_progress') return { same: true };
			return { refused: 'meeting_closed' };
		case 'check_in':
			// Only an announced meeting starts by itself; a draft is not public yet, and a closed one stays closed
			// (late corrections of attendance are still allowed there).
			return from === 'scheduled' ? { to: 'in_progress' } : { same: true };
		case 'end':
			if (from === 'in_progress') return { to: 'closed' };
			if (from === 'closed') return { same: true };
			return { refused: 'meeting_not_started' };
	}
}
