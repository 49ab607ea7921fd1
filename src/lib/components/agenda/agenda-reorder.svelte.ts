import { tick } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { m } from '$lib/paraglide/messages';
import { findEntry, leanAgenda, moveWithin, numbered, siblingsIn, type AgendaEntry } from './agenda-tree';
import { demoteItem, promoteItem } from '$lib/agenda/levels';
import { oncePerFrame } from '$lib/once-per-frame';

/** How far a pointer travels on the handle before it counts as a drag rather than a tap. */
const DRAG_THRESHOLD_PX = 6;
/** Near the viewport's top or bottom edge a drag scrolls the page, so long agendas work on a tablet. */
const EDGE_PX = 72;
const EDGE_SPEED_PX = 14;

interface Drag {
	id: string;
	parentId: string | null;
	pointerId: number;
	handle: HTMLElement;
	from: number;
	to: number;
	started: boolean;
	/** Pointer position in document coordinates when pressed, and now. */
	startY: number;
	clientY: number;
	dy: number;
	/** Sibling midpoints in document coordinates, measured when the drag starts. */
	mids: number[];
	/** How far a sibling slides to make room: the dragged item's height plus the list gap. */
	step: number;
}

export const handleId = (id: string) => `agenda-handle-${id}`;

/**
 * Reordering the agenda by keyboard, buttons and pointer drag. Each move is applied on screen at once, sent to
 * the server in order (a queue, so fast key presses cannot overtake each other), announced politely, and the
 * server's renumbered agenda is adopted when no other move is in flight. A failed move reloads the truth.
 */
export class AgendaReorder {
	readonly #meetingId: () => string;
	readonly #source: () => AgendaEntry[];
	/**
	 * Optimistic agenda, valid only while the page data it was built on is still the current one. Raw state:
	 * a deep proxy would wrap `base`, and the identity check against the page data would never match.
	 */
	#local = $state.raw<{ base: AgendaEntry[]; tree: AgendaEntry[] } | null>(null);
	#pending = 0;
	#queue: Promise<void> = Promise.resolve();
	readonly #scrolling = oncePerFrame(() => this.#autoScroll());

	announcement = $state('');
	error = $state('');
	drag = $state<Drag | null>(null);

	constructor(meetingId: () => string, source: () => AgendaEntry[]) {
		this.#meetingId = meetingId;
		this.#source = source;
	}

	get tree(): AgendaEntry[] {
		const source = this.#source();
		return this.#local && this.#local.base === source ? this.#local.tree : source;
	}

	#adopt(tree: AgendaEntry[]): void {
		this.#local = { base: this.#source(), tree };
	}

	#announce(text: string): void {
		// Cleared first so that the same sentence twice in a row is still read out.
		this.announcement = '';
		void tick().then(() => (this.announcement = text));
	}

	indexOf(entry: AgendaEntry): number {
		return siblingsIn(this.tree, entry.parentId).findIndex((s) => s.id === entry.id);
	}

	siblingCount(entry: AgendaEntry): number {
		return siblingsIn(this.tree, entry.parentId).length;
	}

	/** Moves `entry` to index `to` among its siblings; focus then goes to the element with `focusId`. */
	async move(entry: AgendaEntry, to: number, focusId: string): Promise<void> {
		const from = this.indexOf(entry);
		const count = this.siblingCount(entry);
		if (from < 0 || to < 0 || to >= count || to === from) return;
		this.error = '';
		this.#adopt(moveWithin(this.tree, entry.parentId, from, to));
		this.#announce(m.sec_agenda_moved({ title: entry.title, position: to + 1 }));
		// A keyed list moves the DOM node, which drops focus in some browsers: put it back explicitly.
		await tick();
		const target = document.getElementById(focusId);
		(target && !(target as HTMLButtonElement).disabled ? target : document.getElementById(handleId(entry.id)))?.focus();
		this.#send(entry.id, entry.parentId, to);
	}

	/**
	 * Promotes a sub-item to a main item or demotes a main item under the one above (`$lib/agenda/levels.ts`, which
	 * the server applies too), on screen at once, then through the API; focus stays on the item's handle.
	 */
	async changeLevel(entry: AgendaEntry, change: 'promote' | 'demote', focusId: string): Promise<void> {
		const next = change === 'promote' ? promoteItem(this.tree, entry.id) : demoteItem(this.tree, entry.id);
		if (!next) return;
		this.error = '';
		const tree = numbered(next);
		this.#adopt(tree);
		const number = findEntry(tree, entry.id)?.number ?? '';
		this.#announce(change === 'promote' ? m.desk_agenda_promoted({ title: entry.title, number }) : m.desk_agenda_demoted({ title: entry.title, number }));
		// The item now lives in another list, so its elements are new ones: focus them again.
		await tick();
		const target = document.getElementById(focusId);
		(target && !(target as HTMLButtonElement).disabled ? target : document.getElementById(handleId(entry.id)))?.focus();
		this.#request(`/api/v1/meetings/${this.#meetingId()}/agenda/${entry.id}/${change}`, undefined, m.desk_agenda_level_failed());
	}

	#send(itemId: string, parentId: string | null, position: number): void {
		// The API's own move, as scripts use it; it answers with the renumbered tree.
		this.#request(`/api/v1/meetings/${this.#meetingId()}/agenda/${itemId}/move`, { parentId, position }, m.sec_agenda_move_failed());
	}

	#request(url: string, body: unknown, failed: string): void {
		this.#pending++;
		this.#queue = this.#queue.then(async () => {
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: JSON.stringify(body ?? {})
				});
				const answer = (await res.json().catch(() => null)) as { agenda?: AgendaEntry[]; error?: { message?: string } } | null;
				if (!res.ok || !answer?.agenda) throw new Error(answer?.error?.message ?? failed);
				if (this.#pending === 1) this.#adopt(leanAgenda(answer.agenda));
			} catch (e) {
				this.error = e instanceof Error && e.message ? e.message : failed;
				this.#local = null;
				await invalidateAll();
			} finally {
				this.#pending--;
			}
		});
	}

	/** ArrowUp/ArrowDown (and Home/End) on a drag handle. */
	onHandleKeydown(entry: AgendaEntry, event: KeyboardEvent): void {
		if (event.key === 'Escape' && this.drag) {
			this.cancelDrag();
			return;
		}
		// Left and right change the level, as in an outline: right moves an item under the one above, left lifts a sub-item out.
		if ((event.key === 'ArrowRight' && entry.parentId === null) || (event.key === 'ArrowLeft' && entry.parentId !== null)) {
			event.preventDefault();
			void this.changeLevel(entry, event.key === 'ArrowRight' ? 'demote' : 'promote', handleId(entry.id));
			return;
		}
		const from = this.indexOf(entry);
		const last = this.siblingCount(entry) - 1;
		const to =
			event.key === 'ArrowUp' ? from - 1 : event.key === 'ArrowDown' ? from + 1 : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
		if (to === null) return;
		event.preventDefault();
		void this.move(entry, Math.max(0, Math.min(last, to)), handleId(entry.id));
	}

	// ---- pointer drag (mouse, pen and touch alike; the HTML5 drag API does not fire on touch screens) ----

	onPointerDown(entry: AgendaEntry, event: PointerEvent): void {
		if (this.drag || (event.pointerType === 'mouse' && event.button !== 0)) return;
		const handle = event.currentTarget as HTMLElement;
		// No text selection or native drag while dragging with a mouse; focus still lands on the handle.
		event.preventDefault();
		handle.focus({ preventScroll: true });
		handle.setPointerCapture(event.pointerId);
		const from = this.indexOf(entry);
		const y = event.clientY + window.scrollY;
		this.drag = { id: entry.id, parentId: entry.parentId, pointerId: event.pointerId, handle, from, to: from, started: false, startY: y, clientY: event.clientY, dy: 0, mids: [], step: 0 };
	}

	onPointerMove(event: PointerEvent): void {
		const drag = this.drag;
		if (!drag || event.pointerId !== drag.pointerId) return;
		drag.clientY = event.clientY;
		if (!drag.started) {
			if (Math.abs(event.clientY + window.scrollY - drag.startY) < DRAG_THRESHOLD_PX) return;
			this.#measure(drag);
			drag.started = true;
			this.#scrolling.request();
		}
		this.#track(drag);
	}

	onPointerUp(entry: AgendaEntry, event: PointerEvent): void {
		const drag = this.drag;
		if (!drag || event.pointerId !== drag.pointerId) return;
		this.#endDrag();
		if (drag.started && drag.to !== drag.from) void this.move(entry, drag.to, handleId(entry.id));
	}

	cancelDrag(): void {
		if (this.drag) this.#endDrag();
	}

	#endDrag(): void {
		this.#scrolling.cancel();
		const drag = this.drag;
		this.drag = null;
		if (drag?.handle.hasPointerCapture(drag.pointerId)) drag.handle.releasePointerCapture(drag.pointerId);
	}

	#measure(drag: Drag): void {
		const list = drag.handle.closest('[data-agenda-list]');
		const items = list ? Array.from(list.children).filter((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.agendaItem !== undefined) : [];
		const rects = items.map((el) => el.getBoundingClientRect());
		drag.mids = rects.map((r) => r.top + window.scrollY + r.height / 2);
		const own = rects[drag.from];
		const gap = rects.length > 1 && rects[0] && rects[1] ? rects[1].top - rects[0].bottom : 0;
		drag.step = (own?.height ?? 0) + Math.max(0, gap);
	}

	#track(drag: Drag): void {
		drag.dy = drag.clientY + window.scrollY - drag.startY;
		const centre = (drag.mids[drag.from] ?? 0) + drag.dy;
		// The insertion index among the siblings once the dragged item is taken out.
		drag.to = drag.mids.filter((mid, i) => i !== drag.from && mid < centre).length;
	}

	#autoScroll(): void {
		const drag = this.drag;
		if (!drag?.started) return;
		const delta = drag.clientY < EDGE_PX ? -EDGE_SPEED_PX : drag.clientY > window.innerHeight - EDGE_PX ? EDGE_SPEED_PX : 0;
		if (delta !== 0) {
			window.scrollBy(0, delta);
			this.#track(drag);
		}
		this.#scrolling.request();
	}

	/** Vertical offset of an item while a sibling is dragged: the dragged one follows the pointer, the others make room. */
	offsetOf(entry: AgendaEntry, index: number): number {
		const drag = this.drag;
		if (!drag?.started || drag.parentId !== entry.parentId) return 0;
		if (entry.id === drag.id) return drag.dy;
		if (drag.from < drag.to && index > drag.from && index <= drag.to) return -drag.step;
		if (drag.to < drag.from && index >= drag.to && index < drag.from) return drag.step;
		return 0;
	}

	isDragging(entry: AgendaEntry): boolean {
		return this.drag?.started === true && this.drag.id === entry.id;
	}
}
