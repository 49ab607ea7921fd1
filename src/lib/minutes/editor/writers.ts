import type { Awareness } from 'y-protocols/awareness';
import { stripUnsafeCharacters } from '$lib/identity-text';
import { byVi } from '$lib/collation';

/** What each tablet in the minutes room says about itself (CollaborationCaret keeps it under `user`). */
export interface MinutesUser {
	id: string;
	name: string;
	color: string;
}

/**
 * Caret colours, one per person (not per tablet), light enough for the dark label text on them and strong
 * enough as a caret line on white paper.
 */
export const CARET_COLORS = ['#f4a261', '#7bd389', '#6cb4ee', '#f28b82', '#c58af9', '#e9c46a', '#4fd1c5', '#f9a8d4'] as const;

/** The same person gets the same colour on every tablet: derived from the user id, not from arrival order. */
export function colorFor(userId: string): string {
	let hash = 0;
	for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
	return CARET_COLORS[hash % CARET_COLORS.length]!;
}

function isMinutesUser(value: unknown): value is MinutesUser {
	if (!value || typeof value !== 'object') return false;
	const { id, name, color } = value as Record<string, unknown>;
	return typeof id === 'string' && typeof name === 'string' && typeof color === 'string';
}

/**
 * Everyone else in the room, one entry per person (a second tablet of the same person counts once), by name.
 * Awareness states come from other clients: untrusted, so narrowed, trimmed and rid of control and bidi characters
 * (the server never sees these names, so it cannot refuse them as it refuses typed ones).
 */
export function othersIn(awareness: Awareness, meId: string): MinutesUser[] {
	const byId = new Map<string, MinutesUser>();
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const user = (state as { user?: unknown } | null)?.user;
		if (!isMinutesUser(user) || user.id === meId) continue;
		const color = /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#59636e';
		byId.set(user.id, { id: user.id, name: stripUnsafeCharacters(user.name).slice(0, 80), color });
	}
	return [...byId.values()].sort(byVi((u) => u.name, (u) => u.id));
}
