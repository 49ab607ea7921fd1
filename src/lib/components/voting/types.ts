import type { AttendanceLiveState, MotionResultLive } from '$lib/collab/live-state';
import type { AttendanceStatus, Majority } from './labels';

/** The API's shapes this screen reads (docs/api.md); only the fields it uses. */
export interface AgendaItemChoice {
	id: string;
	number: string;
	title: string;
}

export interface Motion {
	id: string;
	agendaItemId: string;
	title: string;
	text: string;
	ballot: 'open' | 'secret';
	majority: Majority | null;
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

export interface MotionDetail extends Motion {
	me?: MyPart;
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
