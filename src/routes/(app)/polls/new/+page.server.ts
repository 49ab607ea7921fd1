import { redirect } from '@sveltejs/kit';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { instantOf, runForm, textOf } from '$lib/server/forms';
import { listGroups } from '$lib/server/groups/service';
import { requireAbility } from '$lib/server/page-errors';
import { attachableDocuments, createPoll } from '$lib/server/polls/service';
import { serviceCtx } from '$lib/server/request';
import { listUsers } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'create_meeting'));
	const db = getDb();
	return {
		groups: listGroups(db, actor).map((g) => ({ id: g.id, name: g.name, memberCount: g.members.length })),
		users: listUsers(db, actor).filter((u) => u.active),
		documents: attachableDocuments(db, actor)
	};
};

/** "more_than_half/members" → the rule object the service validates; anything else is passed on for zod to refuse. */
function ruleOf(value: string): unknown {
	const [threshold, of] = value.split('/');
	return value === '' ? undefined : { threshold, of };
}

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const strings = (name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
			const groupId = textOf(data, 'groupId');
			const members = strings('memberIds');
			const poll = createPoll(getDb(), ctx, {
				title: textOf(data, 'title'),
				text: textOf(data, 'text'),
				body: textOf(data, 'body'),
				bodyType: textOf(data, 'bodyType'),
				ballot: textOf(data, 'ballot'),
				majority: ruleOf(textOf(data, 'majority')),
				deadline: instantOf(data, 'deadline'),
				...(groupId ? { groupId } : {}),
				...(members.length > 0 || !groupId ? { memberIds: members } : {}),
				documentIds: strings('documentIds')
			});
			redirect(303, `/polls/${poll.id}`);
		});
	}
};
