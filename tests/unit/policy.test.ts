import { describe, expect, it } from 'vitest';
import { canGlobal, canInMeeting, GLOBAL_ACTIONS, MEETING_ACTIONS, meetingAbilities, roomAccess, type MeetingAction, type Participation, type RoomAccess } from '$lib/server/auth/policy';
import type { GlobalRole } from '$lib/server/db/schema';

type Who = { role: GlobalRole; participation: Participation | null };

// Every kind of person the system knows, and what each may do in one meeting. Read a row as a sentence:
// "a member invited as observer may view, and nothing else".
const PEOPLE: Record<string, Who> = {
	admin: { role: 'admin', participation: null },
	secretary: { role: 'secretary', participation: null },
	'secretary invited as delegate': { role: 'secretary', participation: { role: 'delegate', canVote: true } },
	chair: { role: 'member', participation: { role: 'chair', canVote: true } },
	'chair without voting right': { role: 'member', participation: { role: 'chair', canVote: false } },
	delegate: { role: 'member', participation: { role: 'delegate', canVote: true } },
	'delegate without voting right': { role: 'member', participation: { role: 'delegate', canVote: false } },
	observer: { role: 'member', participation: { role: 'observer', canVote: false } },
	'observer with a stray voting flag': { role: 'member', participation: { role: 'observer', canVote: true } },
	outsider: { role: 'member', participation: null }
};

const ALLOWED: Record<string, MeetingAction[]> = {
	admin: ['view', 'edit', 'manage_participants', 'run_votes', 'present', 'annotate_shared', 'edit_minutes'],
	secretary: ['view', 'edit', 'manage_participants', 'run_votes', 'present', 'annotate_shared', 'edit_minutes'],
	'secretary invited as delegate': ['view', 'edit', 'manage_participants', 'run_votes', 'present', 'vote', 'annotate_shared', 'edit_minutes'],
	chair: ['view', 'run_votes', 'present', 'vote', 'annotate_shared', 'edit_minutes', 'approve_minutes'],
	'chair without voting right': ['view', 'run_votes', 'present', 'annotate_shared', 'edit_minutes', 'approve_minutes'],
	delegate: ['view', 'vote', 'annotate_shared'],
	'delegate without voting right': ['view', 'annotate_shared'],
	observer: ['view'],
	'observer with a stray voting flag': ['view'],
	outsider: []
};

describe('canInMeeting: every person × every action', () => {
	for (const [name, who] of Object.entries(PEOPLE)) {
		for (const action of MEETING_ACTIONS) {
			const expected = ALLOWED[name]!.includes(action);
			it(`${name} ${expected ? 'may' : 'may not'} ${action}`, () => {
				expect(canInMeeting({ id: 'u', role: who.role }, who.participation, action)).toBe(expected);
			});
		}
	}
});

describe('canGlobal: every role × every action', () => {
	const table: Record<GlobalRole, Record<(typeof GLOBAL_ACTIONS)[number], boolean>> = {
		admin: { manage_users: true, create_meeting: true, list_users: true },
		secretary: { manage_users: false, create_meeting: true, list_users: true },
		member: { manage_users: false, create_meeting: false, list_users: false }
	};
	for (const [role, actions] of Object.entries(table) as [GlobalRole, Record<string, boolean>][]) {
		for (const action of GLOBAL_ACTIONS) {
			it(`${role} ${actions[action] ? 'may' : 'may not'} ${action}`, () => {
				expect(canGlobal({ id: 'u', role }, action)).toBe(actions[action]);
			});
		}
	}
});

describe('roomAccess: who reads and who writes each real-time room', () => {
	const KINDS = ['live', 'shared', 'minutes', 'private-own', 'private-other'] as const;
	const EXPECTED: Record<string, Record<(typeof KINDS)[number], RoomAccess>> = {
		admin: { live: 'read', shared: 'write', minutes: 'write', 'private-own': 'write', 'private-other': 'none' },
		secretary: { live: 'read', shared: 'write', minutes: 'write', 'private-own': 'write', 'private-other': 'none' },
		chair: { live: 'read', shared: 'write', minutes: 'write', 'private-own': 'write', 'private-other': 'none' },
		delegate: { live: 'read', shared: 'write', minutes: 'read', 'private-own': 'write', 'private-other': 'none' },
		observer: { live: 'read', shared: 'read', minutes: 'read', 'private-own': 'write', 'private-other': 'none' },
		outsider: { live: 'none', shared: 'none', minutes: 'none', 'private-own': 'none', 'private-other': 'none' }
	};
	for (const [name, row] of Object.entries(EXPECTED)) {
		const who = PEOPLE[name]!;
		for (const kind of KINDS) {
			it(`${name} → ${kind}: ${row[kind]}`, () => {
				const actor = { id: 'me', role: who.role };
				const access =
					kind === 'private-own'
						? roomAccess(actor, who.participation, 'private', 'me')
						: kind === 'private-other'
							? roomAccess(actor, who.participation, 'private', 'someone-else')
							: roomAccess(actor, who.participation, kind);
				expect(access).toBe(row[kind]);
			});
		}
	}
});

describe('the record freezes the rooms and the abilities', () => {
	const draft = { minutesDraft: true, archived: false };
	const notStarted = { minutesDraft: false, archived: false };
	const archived = { minutesDraft: false, archived: true };

	it.each(Object.entries(PEOPLE))('%s: minutes writable only while a draft; shared annotations frozen once archived', (_name, who) => {
		const actor = { id: 'me', role: who.role };
		const writes = (kind: 'minutes' | 'shared', record: typeof draft) => roomAccess(actor, who.participation, kind, undefined, record) === 'write';
		const editsMinutes = canInMeeting(actor, who.participation, 'edit_minutes');
		expect(writes('minutes', draft)).toBe(editsMinutes);
		expect(writes('minutes', notStarted)).toBe(false);
		expect(writes('minutes', archived)).toBe(false);
		expect(writes('shared', archived)).toBe(false);
		// Reading stays exactly as before, and private notes remain their owner's working notes.
		const sees = canInMeeting(actor, who.participation, 'view');
		expect(roomAccess(actor, who.participation, 'minutes', undefined, archived)).toBe(sees ? 'read' : 'none');
		expect(roomAccess(actor, who.participation, 'private', 'me', archived)).toBe(sees ? 'write' : 'none');
	});

	it.each(Object.entries(PEOPLE))('%s: in an archived meeting only viewing is left', (_name, who) => {
		const actor = { id: 'me', role: who.role };
		const can = meetingAbilities(actor, who.participation, true);
		for (const action of MEETING_ACTIONS) expect(can[action], action).toBe(action === 'view' && canInMeeting(actor, who.participation, 'view'));
		expect(meetingAbilities(actor, who.participation)).toEqual(Object.fromEntries(MEETING_ACTIONS.map((a) => [a, canInMeeting(actor, who.participation, a)])));
	});
});
