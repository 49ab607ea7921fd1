import { m } from '$lib/paraglide/messages';
import type { InviteLine } from '$lib/participants/invite-list';
import type { ParticipantRole } from '$lib/server/db/schema';

/** One row of the server's answer (src/lib/server/meetings/bulk-invite.ts `InviteRowResult`). */
export interface BulkRow {
	index: number;
	line?: number;
	input: string;
	status: 'ok' | 'already_invited' | 'error';
	problem?: string;
	candidates?: string[];
	user?: { id: string; username: string; displayName: string };
	role?: ParticipantRole;
	canVote?: boolean;
}

export interface BulkAnswer {
	rows: BulkRow[];
	invited: number;
	ready: number;
	alreadyInvited: number;
	errors: number;
	group?: { id: string; name: string };
}

async function post(url: string, body: unknown): Promise<BulkAnswer> {
	let response: Response;
	try {
		response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
	} catch {
		throw new Error(m.brief_action_failed());
	}
	const answer = (await response.json().catch(() => null)) as (BulkAnswer & { error?: { message?: string } }) | null;
	if (!response.ok || !answer || !Array.isArray(answer.rows)) throw new Error(answer?.error?.message || m.brief_action_failed());
	return answer;
}

/** The list to the bulk endpoint: a dry run answers the preview, otherwise all rows are written or none. */
export function postInvites(meetingId: string, lines: InviteLine[], dryRun: boolean): Promise<BulkAnswer> {
	return post(`/api/v1/meetings/${meetingId}/participants/bulk`, {
		dryRun,
		participants: lines.map((l) => ({ user: l.who, line: l.line, ...(l.role ? { role: l.role } : {}), ...(l.canVote ? { canVote: l.canVote } : {}) }))
	});
}

export function postGroupInvite(meetingId: string, groupId: string): Promise<BulkAnswer> {
	return post(`/api/v1/meetings/${meetingId}/participants/groups`, { groupId });
}

/** The sentence for a refused row, in the reader's language. */
export function problemText(row: BulkRow): string {
	switch (row.problem) {
		case 'empty':
			return m.brief_problem_empty();
		case 'unknown_user':
			return m.brief_problem_unknown_user();
		case 'ambiguous_name':
			return m.brief_problem_ambiguous_name({ names: (row.candidates ?? []).join(', ') });
		case 'bad_role':
			return m.brief_problem_bad_role();
		case 'bad_voting_right':
			return m.brief_problem_bad_voting_right();
		case 'observer_cannot_vote':
			return m.brief_problem_observer_cannot_vote();
		case 'duplicate':
			return m.brief_problem_duplicate();
		case 'chair_exists':
			return m.brief_problem_chair_exists();
		default:
			return m.brief_action_failed();
	}
}
