import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { runForm, confirmed, textOf } from '$lib/server/forms';
import { requireMeeting } from '$lib/server/meetings/access';
import { addParticipant, listParticipants, removeParticipant, updateParticipant } from '$lib/server/meetings/participants';
import { decideSubstitute, listReplies } from '$lib/server/meetings/replies';
import { listUsers } from '$lib/server/users/service';
import { listGroups } from '$lib/server/groups/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	const db = getDb();
	const { meeting } = orHttpError(() => requireMeeting(db, actor, event.params.id, 'manage_participants'));
	const participants = listParticipants(db, actor, meeting.id);
	const invited = new Set(participants.map((p) => p.userId));
	const invitable = orHttpError(() => listUsers(db, actor))
		.filter((u) => u.active && !invited.has(u.id))
		.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
	// Groups to invite in one step: only what the choice shows.
	const groups = orHttpError(() => listGroups(db, actor)).map((g) => ({ id: g.id, name: g.name, memberCount: g.members.filter((u) => u.active).length }));
	return { meeting: { id: meeting.id, title: meeting.title }, participants, invitable, groups, replies: listReplies(db, actor, meeting.id) };
};

/**
 * The voting-right checkbox is disabled for observers, and a disabled or unticked box sends nothing; the
 * hidden `canVoteShown` says the box was live, so "absent" can mean "unticked" rather than "leave it".
 */
function canVoteOf(data: FormData): boolean | undefined {
	return data.has('canVoteShown') ? data.get('canVote') === 'on' : undefined;
}

/** Sent by the "change the chair?" dialog after the service refused with `chair_exists`. */
const replaceChairOf = (data: FormData) => data.get('replaceChair') === 'yes';

export const actions: Actions = {
	invite: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const p = addParticipant(getDb(), ctx, event.params.id, {
				userId: textOf(data, 'userId'),
				role: textOf(data, 'role'),
				canVote: canVoteOf(data),
				replaceChair: replaceChairOf(data)
			});
			return { invited: p.displayName };
		});
	},

	update: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const p = updateParticipant(getDb(), ctx, event.params.id, textOf(data, 'userId'), {
				role: textOf(data, 'role'),
				canVote: canVoteOf(data),
				replaceChair: replaceChairOf(data)
			});
			return { updated: p.displayName };
		});
	},

	/** Approve or turn down the substitute a member named in their reply. */
	substitute: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const reply = decideSubstitute(getDb(), ctx, event.params.id, textOf(data, 'userId'), data.get('decision') === 'approve');
			return { substitute: { approved: reply.substituteApproved, name: reply.substituteName ?? '', member: textOf(data, 'memberName') } };
		});
	},

	remove: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		const userId = textOf(data, 'userId');
		return runForm(data, () => {
			const db = getDb();
			if (!confirmed(data)) {
				const p = listParticipants(db, ctx.actor, event.params.id).find((x) => x.userId === userId);
				return { confirmRemove: p ? { userId: p.userId, displayName: p.displayName } : null };
			}
			removeParticipant(db, ctx, event.params.id, userId);
			return { removed: true };
		});
	}
};
