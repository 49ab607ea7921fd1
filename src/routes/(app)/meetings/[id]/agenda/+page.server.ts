import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { findEntry, leanAgenda } from '$lib/components/agenda/agenda-tree';
import { getDb } from '$lib/server/db/client';
import { runForm, agendaItemInput, confirmed, idOrNull, textOf } from '$lib/server/forms';
import { requireMeeting } from '$lib/server/meetings/access';
import { addAgendaItem, deleteAgendaItem, listAgenda, moveAgendaItem, updateAgendaItem } from '$lib/server/meetings/agenda';
import { changeAgendaLevel } from '$lib/server/meetings/agenda-levels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	const db = getDb();
	const { meeting } = orHttpError(() => requireMeeting(db, actor, event.params.id, 'edit'));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		agenda: leanAgenda(listAgenda(db, actor, meeting.id)),
		// Without JavaScript, "Edit" is a GET form that opens the item's form through the query string.
		editId: event.url.searchParams.get('edit')
	};
};

export const actions: Actions = {
	add: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const item = addAgendaItem(getDb(), ctx, event.params.id, { ...agendaItemInput(data), parentId: idOrNull(data, 'parentId') });
			return { added: { id: item.id, title: item.title } };
		});
	},

	update: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		const itemId = textOf(data, 'itemId');
		return runForm(data, () => {
			const db = getDb();
			updateAgendaItem(db, ctx, event.params.id, itemId, agendaItemInput(data));
			// Changing the parent is a move (to the end of the new parent's list), which the service checks:
			// one level only, and an item with sub-items cannot become one.
			const parentId = idOrNull(data, 'parentId');
			const current = findEntry(leanAgenda(listAgenda(db, ctx.actor, event.params.id)), itemId);
			if (current && current.parentId !== parentId) {
				moveAgendaItem(db, ctx, event.params.id, itemId, { parentId, position: Number.MAX_SAFE_INTEGER });
			}
			return { updated: itemId };
		});
	},

	delete: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		const itemId = textOf(data, 'itemId');
		return runForm(data, () => {
			const db = getDb();
			if (!confirmed(data)) {
				const item = findEntry(leanAgenda(listAgenda(db, ctx.actor, event.params.id)), itemId);
				return { confirmDelete: item ? { id: item.id, title: item.title, children: item.children.length } : null };
			}
			deleteAgendaItem(db, ctx, event.params.id, itemId);
			return { deleted: true };
		});
	},

	/** The Move up / Move down buttons without JavaScript; with it, the editor calls ./move directly. */
	move: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			moveAgendaItem(getDb(), ctx, event.params.id, textOf(data, 'itemId'), {
				parentId: idOrNull(data, 'parentId'),
				position: Number(textOf(data, 'position'))
			});
			return { moved: textOf(data, 'itemId') };
		});
	},

	/** The ← and → buttons without JavaScript; with it, the editor calls ./promote and ./demote directly. */
	promote: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			changeAgendaLevel(getDb(), ctx, event.params.id, textOf(data, 'itemId'), 'promote');
			return { moved: textOf(data, 'itemId') };
		});
	},

	demote: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			changeAgendaLevel(getDb(), ctx, event.params.id, textOf(data, 'itemId'), 'demote');
			return { moved: textOf(data, 'itemId') };
		});
	}
};
