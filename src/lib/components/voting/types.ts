import type { AttendanceLiveState, MotionResultLive } from '$lib/collab/live-state';
import type { MajorityRule } from '$lib/votes/majority';
import type { AttendanceStatus } from './labels';

/** The API's shapes this screen reads (docs/api.md); only the fields it uses. */
export interface AgendaItemChoice {
	id: string;
	number: string;
	title: string;
}

/** The newest version of a document of the meeting, for a motion's attached document. */
export interface DocumentChoice {
	id: string;
	agendaItemId: string;
	title: string;
}

export interface Motion {
	id: string;
	agendaItemId: string;
	documentId: string | null;
	title: string;
	text: string;
	ballot: 'open' | 'secret';
	majority: MajorityRule | null;
	options: string[];
	maxChoices: number;
	state: 'draft' | 'open' | 'closed';
	closesAt: string | null;
	votedCount: number;
	eligibleCount: number;
	result: MotionResultLive | null;
}

export interface MyPart {
	canVote: boolean;
	checkedIn: boolean;
	hasVoted: boolean;
	proxies: { principalId: string; displayName: string; present: boolean; hasVoted: boolean }[];
}

/** Who has voted on an open (named) ballot so far: the chair and the secretariat only, never what. */
export interface VoterEntry {
	userId: string;
	displayName: string;
	/** Who pressed the button: the voter, or the holder of their proxy. */
	castBy: string;
	castAt: string;
}

export interface MotionDetail extends Motion {
	me?: MyPart;
	voters?: VoterEntry[];
	ballots?: { userId: string; displayName: string; castBy: string; castAt: string; choices: string[] }[];
}

export interface AttendanceRow {
	userId: string;
	displayName: string;
	role: 'chair' | 'delegate' | 'observer';
	canVote: boolean;
	status: AttendanceStatus | null;
	proxyHolderId: string | null;
}

export interface AttendanceList {
	participants: AttendanceRow[];
	summary: Omit<AttendanceLiveState, 'at'>;
}

/** One line of the options editor; `key` keeps an input (and what is typed in it) with its row when rows move. */
export interface OptionRow {
	key: number;
	label: string;
}
