import { z } from 'zod';
import type { ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { getGroup } from '../groups/service';
import { noticeParticipantsAdded } from '../notices/meeting-notices';
import { parseInput } from '../validation';
import { requireMeeting } from './access';
import { resolvedGroupRows, writeInvitations, type BulkInviteResult } from './bulk-invite';

export const groupInviteInput = z.object({ groupId: z.string().min(1).max(64), dryRun: z.boolean().optional() }).strict();

/**
 * `POST /meetings/:id/participants/groups`: every active member of the group, with the group's role and voting
 * right, in one transaction. Members already invited keep the role they have (they are counted, not changed);
 * inactive accounts are left out.
 */
export function inviteGroup(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): BulkInviteResult & { group: { id: string; name: string } } {
	const input = parseInput(groupInviteInput, raw);
	let invitedIds: string[] = [];
	const result = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'manage_participants');
		const group = getGroup(tx, ctx.actor, input.groupId);
		const rows = resolvedGroupRows(tx, meetingId, group);
		const written = input.dryRun ? [] : writeInvitations(tx, ctx, meetingId, rows, { groupId: group.id });
		invitedIds = written;
		return {
			group: { id: group.id, name: group.name },
			rows,
			invited: written.length,
			ready: rows.filter((r) => r.status === 'ok').length,
			alreadyInvited: rows.filter((r) => r.status === 'already_invited').length,
			errors: 0
		};
	});
	noticeParticipantsAdded(db, meetingId, invitedIds);
	return result;
}
