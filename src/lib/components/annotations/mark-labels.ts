import type { Mark, MarkKind } from '$lib/collab/annotations';
import { stripUnsafeCharacters } from '$lib/identity-text';
import { DISPLAY_TIME_ZONE } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const KIND_NAMES: Record<MarkKind, () => string> = {
	highlight: m.collab_mark_highlight,
	ink: m.collab_mark_ink,
	note: m.collab_mark_note,
	rect: m.collab_mark_rect,
	arrow: m.collab_mark_arrow
};

export const markKindName = (kind: MarkKind) => KIND_NAMES[kind]();

/** Which layer a mark is in, in words a delegate understands: who can see it. */
export const layerWhoSees = (layer: 'shared' | 'private') => (layer === 'shared' ? m.marks_layer_shared_long() : m.marks_layer_private_long());

/** A mark's accessible name: its kind, its author and its layer ("Ghi chú của Lê Thị Hồng (lớp riêng, chỉ mình bạn thấy)"). */
export const markLabel = (mark: Pick<Mark, 'kind' | 'author'>, layer: 'shared' | 'private') =>
	m.marks_mark_label({ kind: markKindName(mark.kind), name: stripUnsafeCharacters(mark.author.displayName), layer: layerWhoSees(layer) });

/** "14:05, 3 thg 12, 2026": a mark's time in the province's zone, short enough for a one-line caption. */
export function markTime(at: number, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE }).format(at);
}

/**
 * Author and time of a mark: "Nguyễn Văn A · 14:05, 3 thg 12, 2026". The name was written into the room by the
 * author's tablet, not checked by the server, so a bidi override in it must not reorder the time.
 */
export const markByline = (mark: Pick<Mark, 'author' | 'createdAt'>) =>
	m.collab_mark_by({ name: stripUnsafeCharacters(mark.author.displayName), time: markTime(mark.createdAt) });
