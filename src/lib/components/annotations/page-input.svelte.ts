import type { DocumentAnnotations, MarkRef } from '$lib/collab/annotation-layers.svelte';
import type { Mark, NewMark } from '$lib/collab/annotations';
import { markAt, rectFromCorners, round, thinStroke, translation, type PdfPoint } from '$lib/collab/mark-geometry';
import { clientToPdf, type PageGeometry } from '$lib/pdf/geometry';

/** Ink, shapes and the eraser in PDF points, at any zoom. */
export const STROKE_WIDTH = 2;
/** How far from a line a fingertip still touches it, in CSS pixels. */
export const TOUCH_SLOP_PX = 14;
/** Half the size of a note's pin, in CSS pixels. */
const PIN_RADIUS_PX = 18;

const DRAWING_TOOLS = new Set(['ink', 'note', 'rect', 'arrow', 'eraser']);

/** What a pointer is doing on the page right now. */
export type Draft =
	| { kind: 'ink'; points: number[]; pressures: number[] | null }
	| { kind: 'rect' | 'arrow'; from: PdfPoint; to: PdfPoint }
	| { kind: 'note'; at: PdfPoint }
	| { kind: 'erase' }
	| { kind: 'move'; ref: MarkRef; mark: Mark; start: PdfPoint; dx: number; dy: number; moved: boolean };

export interface PageTarget {
	pageNumber: number;
	geometry: PageGeometry | null;
	/** The page's drawing surface (the element laid over the page). */
	element: HTMLElement | undefined;
}

/**
 * The pointer input of one page: strokes, shapes, a note's place, the eraser and moving a selected mark, in PDF
 * points. A stylus draws with pressure; once one has been seen, fingers are left to scroll (see `touchAction`).
 */
export class PageInput {
	draft = $state<Draft | null>(null);
	#pointer = -1;
	/** Fingers on the page right now: a second one means a pinch, which is not a stroke. */
	readonly #touches = new Set<number>();

	constructor(
		private readonly session: DocumentAnnotations,
		private readonly page: () => PageTarget
	) {}

	/** A drawing tool is in hand: the page takes pointer input instead of passing it to the text below. */
	get drawing(): boolean {
		return DRAWING_TOOLS.has(this.session.tool);
	}

	/** Before any stylus, a finger draws (so the browser must not scroll); after one, a finger scrolls. */
	get touchAction(): string {
		return this.drawing && !this.session.penSeen ? 'none' : 'pan-x pan-y';
	}

	/** The mark being moved, once it has actually moved. */
	get moving(): Extract<Draft, { kind: 'move' }> | null {
		const draft = this.draft;
		return draft?.kind === 'move' && draft.moved ? draft : null;
	}

	#point(event: PointerEvent): PdfPoint {
		const { element, geometry } = this.page();
		return clientToPdf(event, element!, geometry!);
	}

	/** PDF units per CSS pixel at the current zoom (the page's box is read at call time). */
	#unitsPerPixel(): number {
		const { element, geometry } = this.page();
		return geometry!.width / Math.max(1, element!.getBoundingClientRect().width);
	}

	#mineAt(point: PdfPoint): MarkRef | null {
		const { session } = this;
		const perPixel = this.#unitsPerPixel();
		for (const layer of [...session.layers].reverse()) {
			if (!layer.writable) continue;
			const mine = session.shownOnPage(layer, this.page().pageNumber).filter((mk) => mk.author.id === session.me.id);
			const hit = markAt(mine, point, TOUCH_SLOP_PX * perPixel, PIN_RADIUS_PX * perPixel);
			if (hit) return { layer: layer.kind, id: hit.id };
		}
		return null;
	}

	#erase(point: PdfPoint): void {
		const ref = this.#mineAt(point);
		if (ref) this.session.remove(ref);
	}

	#start(element: Element, event: PointerEvent, draft: Draft): void {
		event.preventDefault();
		// The stroke keeps its pointer even when it leaves the page.
		try {
			element.setPointerCapture(event.pointerId);
		} catch {
			// Already lifted (or synthetic): the stroke ends at the next pointerup anyway.
		}
		this.#pointer = event.pointerId;
		this.draft = draft;
	}

	pointerdown(event: PointerEvent): void {
		const { session } = this;
		const { element, geometry } = this.page();
		if (!geometry || !element || !this.drawing) return;
		if (event.pointerType === 'pen') session.penSeen = true;
		if (event.pointerType === 'touch') {
			this.#touches.add(event.pointerId);
			if (session.penSeen) return;
			if (this.#touches.size > 1) {
				this.#cancel();
				return;
			}
		}
		if (event.pointerType === 'mouse' && event.button !== 0) return;
		const point = this.#point(event);
		switch (session.tool) {
			case 'ink':
				this.#start(element, event, { kind: 'ink', points: [point[0], point[1]], pressures: event.pointerType === 'pen' ? [event.pressure] : null });
				break;
			case 'rect':
			case 'arrow':
				this.#start(element, event, { kind: session.tool, from: point, to: point });
				break;
			case 'note':
				this.#start(element, event, { kind: 'note', at: point });
				break;
			case 'eraser':
				this.#start(element, event, { kind: 'erase' });
				this.#erase(point);
				break;
		}
	}

	/** Select tool: a tap on a mark selects it; pressing on my selected mark and dragging moves it. */
	markPointerdown(event: PointerEvent, layer: MarkRef['layer'], mark: Mark): void {
		const { session } = this;
		if (session.tool !== 'select' || !this.page().geometry) return;
		event.stopPropagation();
		const ref = { layer, id: mark.id };
		const alreadySelected = session.selected?.layer === layer && session.selected.id === mark.id;
		session.selected = ref;
		if (mark.kind === 'note') session.openNote = ref;
		if ((!alreadySelected && mark.kind !== 'note') || !session.isMine(ref)) return;
		this.#start(event.currentTarget as Element, event, { kind: 'move', ref, mark, start: this.#point(event), dx: 0, dy: 0, moved: false });
	}

	pointermove(event: PointerEvent): void {
		const draft = this.draft;
		if (!draft || event.pointerId !== this.#pointer) return;
		if (draft.kind === 'ink') {
			// Coalesced events: a stylus reports far more often than frames are drawn, and every sample counts.
			const samples = event.getCoalescedEvents?.() ?? [];
			for (const e of samples.length ? samples : [event]) {
				const [x, y] = this.#point(e);
				draft.points.push(x, y);
				draft.pressures?.push(e.pressure);
			}
		} else if (draft.kind === 'rect' || draft.kind === 'arrow') {
			draft.to = this.#point(event);
		} else if (draft.kind === 'erase') {
			this.#erase(this.#point(event));
		} else if (draft.kind === 'move') {
			const [x, y] = this.#point(event);
			draft.dx = x - draft.start[0];
			draft.dy = y - draft.start[1];
			draft.moved ||= Math.hypot(draft.dx, draft.dy) > 3 * this.#unitsPerPixel();
		}
	}

	pointerup(event: PointerEvent): void {
		this.#touches.delete(event.pointerId);
		const done = this.draft;
		if (!done || event.pointerId !== this.#pointer) return;
		this.#cancel();
		this.#commit(done);
	}

	pointercancel(event: PointerEvent): void {
		this.#touches.delete(event.pointerId);
		if (event.pointerId === this.#pointer) this.#cancel();
	}

	#cancel(): void {
		this.draft = null;
		this.#pointer = -1;
	}

	#commit(done: Draft): void {
		const { session } = this;
		const { pageNumber } = this.page();
		const base = { page: pageNumber, color: session.color };
		const perPixel = this.#unitsPerPixel();
		const minSize = 4 * perPixel;
		let mark: NewMark;
		switch (done.kind) {
			case 'ink': {
				const { points, pressures } = thinStroke(done.points, done.pressures, 0.75 * perPixel);
				mark = { ...base, kind: 'ink', points, pressures, width: STROKE_WIDTH };
				break;
			}
			case 'rect': {
				const r = rectFromCorners(done.from, done.to);
				if (r.width < minSize && r.height < minSize) return;
				mark = { ...base, kind: 'rect', rect: { x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) }, width: STROKE_WIDTH };
				break;
			}
			case 'arrow':
				if (Math.hypot(done.to[0] - done.from[0], done.to[1] - done.from[1]) < minSize) return;
				mark = { ...base, kind: 'arrow', from: [round(done.from[0]), round(done.from[1])], to: [round(done.to[0]), round(done.to[1])], width: STROKE_WIDTH };
				break;
			case 'note':
				// The note is written in its panel first; nothing is stored until it has words.
				session.openNote = null;
				session.noteDraft = { page: pageNumber, x: round(done.at[0]), y: round(done.at[1]) };
				return;
			case 'move':
				if (done.moved) session.update(done.ref, translation(done.mark, done.dx, done.dy));
				return;
			case 'erase':
				return;
		}
		session.add(mark);
	}
}
