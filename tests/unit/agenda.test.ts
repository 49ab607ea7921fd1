import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/server/auth/policy';
import { addAgendaItem, deleteAgendaItem, listAgenda, moveAgendaItem } from '$lib/server/meetings/agenda';
import { createMeeting } from '$lib/server/meetings/service';
import type { AgendaNode } from '$lib/server/meetings/agenda';
import { isAppError } from '$lib/server/errors';
import { buildUser, ctxOf, memoryDb } from './factories';

function setup() {
	const db = memoryDb();
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const ctx = ctxOf(secretary);
	const meeting = createMeeting(db, ctx, { title: 'Phiên họp thử', startsAt: '2026-12-04T01:00:00Z' });
	const add = (title: string, parentId?: string) => addAgendaItem(db, ctx, meeting.id, { title, parentId }).id;
	return { db, ctx, secretary, meetingId: meeting.id, add };
}

const outline = (tree: AgendaNode[]) => tree.flatMap((n) => [`${n.number} ${n.title}`, ...n.children.map((c) => `${c.number} ${c.title}`)]);

function expectError(fn: () => unknown, code: string) {
	try {
		fn();
	} catch (e) {
		expect(isAppError(e) && e.code).toBe(code);
		return;
	}
	throw new Error(`expected ${code}`);
}

describe('agenda', () => {
	it('numbers items and sub-items in order', () => {
		const { db, secretary, meetingId, add } = setup();
		const a = add('Khai mạc');
		const b = add('Báo cáo');
		add('Trình bày', b);
		add('Thảo luận', b);
		add('Bế mạc');
		expect(outline(listAgenda(db, secretary, meetingId))).toEqual(['1 Khai mạc', '2 Báo cáo', '2.1 Trình bày', '2.2 Thảo luận', '3 Bế mạc']);
		expect(a).toBeTruthy();
	});

	it('moves an item up, down, into and out of a parent, keeping positions dense', () => {
		const { db, ctx, secretary, meetingId, add } = setup();
		const a = add('A');
		const b = add('B');
		const c = add('C');
		moveAgendaItem(db, ctx, meetingId, c, { parentId: null, position: 0 });
		expect(outline(listAgenda(db, secretary, meetingId))).toEqual(['1 C', '2 A', '3 B']);
		moveAgendaItem(db, ctx, meetingId, c, { parentId: null, position: 99 });
		expect(outline(listAgenda(db, secretary, meetingId))).toEqual(['1 A', '2 B', '3 C']);
		moveAgendaItem(db, ctx, meetingId, c, { parentId: a, position: 0 });
		expect(outline(listAgenda(db, secretary, meetingId))).toEqual(['1 A', '1.1 C', '2 B']);
		moveAgendaItem(db, ctx, meetingId, c, { parentId: null, position: 1 });
		expect(outline(listAgenda(db, secretary, meetingId))).toEqual(['1 A', '2 C', '3 B']);
		const positions = listAgenda(db, secretary, meetingId).map((n) => n.position);
		expect(positions).toEqual([0, 1, 2]);
		expect(b).toBeTruthy();
	});

	it('keeps sub-items one level deep', () => {
		const { db, ctx, meetingId, add } = setup();
		const a = add('A');
		const a1 = add('A1', a);
		const b = add('B');
		expectError(() => add('deep', a1), 'validation_failed');
		expectError(() => moveAgendaItem(db, ctx, meetingId, a, { parentId: b, position: 0 }), 'validation_failed');
		expectError(() => moveAgendaItem(db, ctx, meetingId, b, { parentId: b, position: 0 }), 'validation_failed');
	});

	it('deletes an item with its sub-items and closes the gap', () => {
		const { db, ctx, secretary, meetingId, add } = setup();
		add('A');
		const b = add('B');
		add('B1', b);
		add('C');
		deleteAgendaItem(db, ctx, meetingId, b);
		const tree = listAgenda(db, secretary, meetingId);
		expect(outline(tree)).toEqual(['1 A', '2 C']);
		expect(tree.map((n) => n.position)).toEqual([0, 1]);
	});

	it('hides the agenda from people who are not in the meeting, and forbids members to edit it', () => {
		const { db, meetingId, add } = setup();
		add('A');
		const outsider = buildUser(db);
		expectError(() => listAgenda(db, outsider, meetingId), 'not_found');
		expectError(() => addAgendaItem(db, ctxOf(outsider), meetingId, { title: 'x' }), 'not_found');
	});

	it('rejects an agenda item from another meeting', () => {
		const { db, ctx, meetingId, add } = setup();
		const other = createMeeting(db, ctx, { title: 'Khác', startsAt: '2026-12-05T01:00:00Z' });
		const foreign = addAgendaItem(db, ctx, other.id, { title: 'X' }).id;
		add('A');
		expectError(() => moveAgendaItem(db, ctx, meetingId, foreign, { parentId: null, position: 0 }), 'not_found');
		expectError(() => addAgendaItem(db, ctx, meetingId, { title: 'Y', parentId: foreign }), 'validation_failed');
	});
});
