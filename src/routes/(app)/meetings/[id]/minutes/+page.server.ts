import { fail } from '@sveltejs/kit';
import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { getLocale } from '$lib/paraglide/runtime';
import { passwordClient } from '$lib/server/auth/cookies';
import { collabRooms } from '$lib/server/collab/hub';
import { getDb } from '$lib/server/db/client';
import { text, runForm, textOf } from '$lib/server/forms';
import { getMeeting, meetingSecretaryId } from '$lib/server/meetings/service';
import { approveMinutes, minutesView, returnMinutes, signMinutes, startMinutes, submitMinutes, unfilledBeforeSubmit } from '$lib/server/minutes/service';
import { listDepartments } from '$lib/server/tasks/departments';
import { archivedTasksOf } from '$lib/server/tasks/record';
import { assignableUsers, canAssignFrom, createTask, meetingTasks } from '$lib/server/tasks/service';
import { provinceDate } from '$lib/tasks/status';
import type { Actor } from '$lib/server/auth/policy';
import type { Queryable } from '$lib/server/db/client';
import type { Actions, PageServerLoad } from './$types';

/**
 * The tasks of the minutes: while not archived, the tasks made from them as they stand; once archived, the list
 * sealed in the record, each with its status today.
 */
function tasksOfMinutes(db: Queryable, actor: Actor, meetingId: string) {
	const current = new Map(meetingTasks(db, actor, meetingId).map((t) => [t.id, t]));
	const sealed = archivedTasksOf(db, meetingId);
	const now = (id: string) => {
		const t = current.get(id);
		return t ? { status: t.status, overdue: t.overdue, daysOverdue: t.daysOverdue } : null;
	};
	const items = (sealed ?? [...current.values()]).map((t) => ({ id: t.id, conclusion: t.conclusion, owner: t.owner, deadline: t.deadline, now: now(t.id) }));
	return { items, archived: sealed !== null };
}

/**
 * The minutes of one meeting: their state and signature from the service, the text as HTML for the first paint
 * (and for readers without JavaScript); the editor then binds to the room `meeting:<id>:minutes` in the browser.
 */
export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	const db = getDb();
	const { meeting, participation, can } = orHttpError(() => getMeeting(db, actor, event.params.id));
	// The banner's state is re-read while the page is open (another writer may submit): see the page.
	event.depends('app:minutes');
	return {
		meeting: { id: meeting.id, title: meeting.title },
		myRole: participation?.role ?? null,
		canEdit: can.edit_minutes,
		canApprove: can.approve_minutes,
		/** The meeting's secretary signs the submitted minutes before the chair approves them. */
		isSecretary: meetingSecretaryId(meeting) === actor.id,
		view: orHttpError(() => minutesView(db, collabRooms, meeting.id)),
		tasks: tasksOfMinutes(db, actor, meeting.id),
		assign: canAssignFrom(db, actor, meeting.id)
			? { people: assignableUsers(db), departments: listDepartments(db).map((d) => ({ id: d.id, name: d.name })), today: provinceDate(new Date()) }
			: null
	};
};

export const actions: Actions = {
	/** "Giao nhiệm vụ": the conclusion at the writer's cursor given to a person or a department, with a deadline. */
	assignTask: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			createTask(getDb(), ctx, {
				meetingId: event.params.id,
				conclusion: textOf(data, 'conclusion'),
				owner: { kind: textOf(data, 'ownerKind'), id: textOf(data, 'ownerId') },
				deadline: textOf(data, 'deadline')
			});
			return { taskAssigned: true as const };
		});
	},

	/** Creates the draft from the template, in the language of the page that asked (idempotent). */
	start: async (event) => {
		const ctx = serviceCtx(event);
		return runForm(null, () => {
			startMinutes(getDb(), ctx, event.params.id, { locale: getLocale() === 'en' ? 'en' : 'vi' });
			return { done: 'started' as const };
		});
	},

	/**
	 * Asks once before handing the chair a draft with template fill-ins left ("Cuộc họp kết thúc lúc …"): the
	 * writer sees which lines and submits anyway or goes back to write them.
	 */
	submit: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(null, () => {
			if (data.get('confirmUnfilled') !== 'yes') {
				const unfilled = unfilledBeforeSubmit(getDb(), ctx, event.params.id);
				if (unfilled.length > 0) return fail(409, { unfilled });
			}
			submitMinutes(getDb(), ctx, event.params.id);
			return { done: 'submitted' as const };
		});
	},

	return: async (event) => {
		const ctx = serviceCtx(event);
		return runForm(null, () => {
			returnMinutes(getDb(), ctx, event.params.id);
			return { done: 'returned' as const };
		});
	},

	/** The secretary's signature, first of two: the password again, and the hash of what they read. */
	sign: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, async () => {
			const input = { password: text(data, 'password') ?? '', contentHash: text(data, 'contentHash') ?? '' };
			await signMinutes(getDb(), { ...ctx, client: passwordClient(event) }, event.params.id, input);
			return { done: 'signed' as const };
		});
	},

	/** The chair's approval, after the secretary's signature: the password again, and the hash of what they read. */
	approve: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, async () => {
			const input = { password: text(data, 'password') ?? '', contentHash: text(data, 'contentHash') ?? '' };
			await approveMinutes(getDb(), { ...ctx, client: passwordClient(event) }, event.params.id, input);
			return { done: 'approved' as const };
		});
	}
};
