import type { GlobalRole, ParticipantRole } from '../db/schema';

/**
 * Who may do what, decided in one place. Every route, form action and the collab upgrade asks these functions;
 * none of them re-derives a rule from roles on its own.
 */
export interface Actor {
	id: string;
	role: GlobalRole;
}

export interface Participation {
	role: ParticipantRole;
	canVote: boolean;
}

export const MEETING_ACTIONS = [
	'view',
	'edit',
	'manage_participants',
	'run_votes',
	'present',
	'vote',
	'annotate_shared',
	'edit_minutes',
	'approve_minutes'
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const GLOBAL_ACTIONS = ['manage_users', 'create_meeting', 'list_users'] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

export function isStaff(actor: Actor): boolean {
	return actor.role === 'admin' || actor.role === 'secretary';
}

export function canGlobal(actor: Actor, action: GlobalAction): boolean {
	switch (action) {
		case 'manage_users':
			return actor.role === 'admin';
		case 'create_meeting':
		case 'list_users':
			return isStaff(actor);
	}
}

/**
 * `participation` is the actor's row in the meeting, or null when not invited. The secretariat sees and runs
 * every meeting without being a participant; it votes or approves only if it is also invited as such.
 */
export function canInMeeting(actor: Actor, participation: Participation | null, action: MeetingAction): boolean {
	const staff = isStaff(actor);
	const role = participation?.role;
	switch (action) {
		case 'view':
			return staff || participation !== null;
		case 'edit':
		case 'manage_participants':
			return staff;
		case 'run_votes':
		case 'present':
		case 'edit_minutes':
			return staff || role === 'chair';
		case 'annotate_shared':
			return staff || role === 'chair' || role === 'delegate';
		case 'vote':
			return (role === 'chair' || role === 'delegate') && participation?.canVote === true;
		case 'approve_minutes':
			return role === 'chair';
	}
}

/**
 * Everything the actor may do in one meeting, for pages that show or hide controls. An archived meeting is
 * evidence: reading is all that is left (the services refuse the rest with `meeting_archived`).
 */
export function meetingAbilities(actor: Actor, participation: Participation | null, archived = false): Record<MeetingAction, boolean> {
	return Object.fromEntries(MEETING_ACTIONS.map((a) => [a, (a === 'view' || !archived) && canInMeeting(actor, participation, a)])) as Record<
		MeetingAction,
		boolean
	>;
}

export type RoomAccess = 'none' | 'read' | 'write';
export type RoomKind = 'live' | 'minutes' | 'shared' | 'private';

/** Where the meeting's record stands: once submitted the minutes are frozen, once archived the meeting is. */
export interface RecordState {
	/** The minutes exist and are a draft (not yet started, submitted or approved: nobody writes). */
	minutesDraft: boolean;
	/** The minutes were approved and the meeting archived: shared annotations are part of the record. */
	archived: boolean;
}

const OPEN_RECORD: RecordState = { minutesDraft: true, archived: false };

/**
 * What a connection may do in a real-time room of a meeting it belongs to. `ownerId` is the user a private room
 * belongs to. The live room is written by the server only: every client there is a reader.
 */
export function roomAccess(
	actor: Actor,
	participation: Participation | null,
	kind: RoomKind,
	ownerId?: string,
	record: RecordState = OPEN_RECORD
): RoomAccess {
	if (!canInMeeting(actor, participation, 'view')) return 'none';
	switch (kind) {
		case 'live':
			return 'read';
		case 'shared':
			return !record.archived && canInMeeting(actor, participation, 'annotate_shared') ? 'write' : 'read';
		case 'minutes':
			return record.minutesDraft && !record.archived && canInMeeting(actor, participation, 'edit_minutes') ? 'write' : 'read';
		case 'private':
			// Nobody, not even an administrator, reads someone else's private notes. They stay the owner's own
			// working notes after the meeting is archived: not part of the record.
			return ownerId === actor.id ? 'write' : 'none';
	}
}

export const POLL_ACTIONS = ['view', 'answer', 'close'] as const;
export type PollAction = (typeof POLL_ACTIONS)[number];

/**
 * A written opinion poll (src/lib/server/polls/): the secretariat creates, reads and closes every poll; a member of
 * its electorate reads it and answers. Nobody else learns that it exists. Answering is the member's own: staff
 * answer only when they are in the electorate themselves.
 */
export function canInPoll(actor: Actor, isMember: boolean, action: PollAction): boolean {
	switch (action) {
		case 'view':
			return isStaff(actor) || isMember;
		case 'answer':
			return isMember;
		case 'close':
			return isStaff(actor);
	}
}

/** What an actor may do with one task (src/lib/server/tasks/): read it, manage it, report on it. */
export interface TaskAbilities {
	/** See the task, its comments and attachments. */
	view: boolean;
	/** Create tasks from the meeting's minutes, change owner, deadline or conclusion, set any allowed status. */
	manage: boolean;
	/** Move the status forward, comment, attach a report: the owner's part, and the managers'. */
	report: boolean;
}

/**
 * A task belongs to the meeting whose minutes concluded it. The secretariat and that meeting's chair manage it;
 * the person it was given to reports on it (a department has no account: the managers report for it); the
 * meeting's participants read it, as they read the minutes. Anyone else gets the 404 of a task that does not
 * exist (OWASP Authorization Cheat Sheet: deny by default, do not reveal that the object exists).
 */
export function taskAbilities(actor: Actor, participation: Participation | null, isOwner: boolean): TaskAbilities {
	const manage = isStaff(actor) || participation?.role === 'chair';
	return { view: manage || participation !== null || isOwner, manage, report: manage || isOwner };
}
