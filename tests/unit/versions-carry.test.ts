import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, addReply, listMarks, repliesTo, type Author } from '$lib/collab/annotations';
import { privateAnnotationsRoom, sharedAnnotationsRoom } from '$lib/collab/room-names';
import type { Actor } from '$lib/server/auth/policy';
import { noEvents, type RoomDocs } from '$lib/server/context';
import { carriedMarks, collabUpdates, versionCarries } from '$lib/server/db/schema';
import { uploadDocument, uploadLimits } from '$lib/server/documents/service';
import { fileStore } from '$lib/server/documents/storage';
import { UploadBody } from '$lib/server/documents/upload';
import { isAppError } from '$lib/server/errors';
import { addAgendaItem } from '$lib/server/meetings/agenda';
import { addParticipant } from '$lib/server/meetings/participants';
import { createMeeting } from '$lib/server/meetings/service';
import { carriedMarkId, carryMarks } from '$lib/server/versions/carry';
import { annotationsView, changesView, versionSummaries } from '$lib/server/versions/views';
import { LEFT, LINE_HEIGHT, TOP, typeset } from '../fixtures/typeset';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildUser, ctxOf, memoryDb, memoryRooms } from './factories';

// The carry as a service: real upload, in-memory database and rooms. Once per version, recorded, private layers
// to their owners only, replies with their notes, and a carry cut short finished without doubling anything.

const LINES = [
	'Điều 1. Phạm vi điều chỉnh của Nghị quyết.',
	'Nghị quyết này quy định cơ chế hỗ trợ cải cách hành chính công trên địa bàn tỉnh.',
	'Kinh phí thực hiện được bố trí từ nguồn ngân sách tỉnh hằng năm.',
	'Thời gian hỗ trợ tính theo số tháng thực tế làm việc tại bộ phận một cửa.',
	'Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.'
];
const baseline = (line: number) => TOP - line * LINE_HEIGHT;

async function setup() {
	const db = memoryDb();
	const rooms: RoomDocs = memoryRooms();
	const store = fileStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-carry-')), 'files'));
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const hong = buildUser(db, { displayName: 'Lê Thị Hồng' });
	const minh = buildUser(db, { displayName: 'Trần Văn Minh' });
	const outsider = buildUser(db);
	const ctx = ctxOf(secretary, noEvents, rooms);
	const meeting = createMeeting(db, ctx, { title: 'Phiên họp thử', startsAt: '2026-12-04T01:00:00Z' });
	for (const u of [hong, minh]) addParticipant(db, ctx, meeting.id, { userId: u.id, role: 'delegate' });
	const item = addAgendaItem(db, ctx, meeting.id, { title: 'Dự thảo' }).id;
	const upload = async (lines: string[], replaces?: string) => {
		const form = new FormData();
		if (replaces) form.append('replaces', replaces);
		form.append('file', new Blob([new Uint8Array(await typeset([lines]))]), 'du-thao.pdf');
		const request = new Request('http://x', { method: 'POST', body: form });
		return (await uploadDocument(db, ctx, meeting.id, item, request, new UploadBody(request, uploadLimits()), { store })).id;
	};
	return { db, rooms, store, hong, minh, outsider, upload };
}

/** Edits a room as a tablet would, and leaves a stored row so the carry finds a private room. */
function write(db: ReturnType<typeof memoryDb>, rooms: RoomDocs, room: string, fn: (doc: Y.Doc) => void) {
	rooms.writeAsServer(room, fn);
	db.insert(collabUpdates).values({ room, update: Buffer.from(rooms.snapshot(room)), userId: null, createdAt: new Date() }).run();
}

const marksIn = (rooms: RoomDocs, room: string) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, rooms.snapshot(room));
	return { marks: listMarks(doc), replies: (id: string) => repliesTo(doc, id) };
};

describe('carrying a version’s marks', () => {
	it('places shared and private marks once, with replies, records each, and keeps private layers to their owners', async () => {
		const { db, rooms, hong, minh, outsider, upload } = await setup();
		const v1 = await upload(LINES);
		const hongAuthor: Author = { id: hong.id, displayName: hong.displayName };
		const minhAuthor: Author = { id: minh.id, displayName: minh.displayName };
		let note = '';
		let gone = '';
		write(db, rooms, sharedAnnotationsRoom(v1), (doc) => {
			note = addMark(doc, hongAuthor, { kind: 'note', page: 1, color: '#f7d94c', x: LEFT + 380, y: baseline(2) + 4, text: 'Nguồn nào?', resolved: false }).id;
			addReply(doc, note, minhAuthor, 'Ngân sách tỉnh');
			gone = addMark(doc, minhAuthor, { kind: 'highlight', page: 1, color: '#f7d94c', rects: [{ x: LEFT, y: baseline(3) - 2, width: 300, height: 11 }], text: 'tính theo số tháng thực tế' }).id;
		});
		let secret = '';
		write(db, rooms, privateAnnotationsRoom(v1, hong.id), (doc) => {
			secret = addMark(doc, hongAuthor, { kind: 'note', page: 1, color: '#f7d94c', x: LEFT + 380, y: baseline(1) + 4, text: 'Riêng tôi', resolved: false }).id;
		});

		const v2 = await upload(['Điều 0. Căn cứ ban hành.', ...LINES.filter((_, i) => i !== 3)], v1);

		const shared = marksIn(rooms, sharedAnnotationsRoom(v2));
		const carriedNote = carriedMarkId(v2, sharedAnnotationsRoom(v2), note);
		expect(shared.marks.map((m) => m.id)).toEqual([carriedNote]);
		const placed = shared.marks[0]!;
		// Beside the same line, one line lower now (a line was inserted above it).
		expect(placed.kind === 'note' && Math.abs(placed.y - (baseline(3) + 4))).toBeLessThan(1);
		expect(placed.author).toEqual(hongAuthor);
		expect(shared.replies(carriedNote).map((r) => r.text)).toEqual(['Ngân sách tỉnh']);
		expect(marksIn(rooms, privateAnnotationsRoom(v2, hong.id)).marks.map((m) => m.id)).toEqual([carriedMarkId(v2, privateAnnotationsRoom(v2, hong.id), secret)]);
		expect(marksIn(rooms, privateAnnotationsRoom(v2, minh.id)).marks).toEqual([]);

		const records = db.select().from(carriedMarks).where(eq(carriedMarks.documentId, v2)).all();
		expect(records.map((r) => [r.fromMarkId, r.ownerId, r.page]).sort()).toEqual(
			[
				[note, null, 1],
				[gone, null, null],
				[secret, hong.id, 1]
			].sort()
		);

		// The read side: each layer as its reader may see it.
		const hongShared = await annotationsView(db, rooms, hong, v2, 'shared');
		expect(hongShared.orphans).toEqual([{ markId: gone, page: 1, quote: 'tính theo số tháng thực tế' }]);
		expect(hongShared.marks[0]).toMatchObject({ kind: 'note', author: { displayName: 'Lê Thị Hồng' }, carriedFrom: { documentId: v1, markId: note, page: 1 } });
		expect((await annotationsView(db, rooms, minh, v2, 'private')).marks).toEqual([]);
		expect((await annotationsView(db, rooms, hong, v2, 'private')).marks).toHaveLength(1);
		const refused = await annotationsView(db, rooms, outsider, v2, 'shared').then(
			() => 'ok',
			(e: unknown) => (isAppError(e) ? e.code : String(e))
		);
		expect(refused).toBe('not_found');
		const changes = await changesView(db, rooms, hong, v2);
		expect(changes.previous).toBe(v1);
		expect(changes.pages).toEqual([{ page: 1, added: ['Điều 0. Căn cứ ban hành.'], removed: ['Thời gian hỗ trợ tính theo số tháng thực tế làm việc tại bộ phận một cửa.'], moved: [] }]);
		expect(versionSummaries(db, hong.id, [v2]).get(v2)).toEqual({ pagesChanged: 1, uncarried: 1 });

		// Once per version: asking again changes nothing.
		expect(await carryMarks(db, rooms, v2)).toMatchObject({ previousId: v1, marksCarried: 2, orphans: 1 });
		expect(marksIn(rooms, sharedAnnotationsRoom(v2)).marks).toHaveLength(1);

		// A carry cut short before its record: run again, it finishes without doubling a mark or a record.
		db.delete(versionCarries).where(eq(versionCarries.documentId, v2)).run();
		expect(await carryMarks(db, rooms, v2)).toMatchObject({ marksCarried: 2, orphans: 1 });
		expect(marksIn(rooms, sharedAnnotationsRoom(v2)).marks).toHaveLength(1);
		expect(marksIn(rooms, sharedAnnotationsRoom(v2)).replies(carriedNote)).toHaveLength(1);
		expect(db.select().from(carriedMarks).where(eq(carriedMarks.documentId, v2)).all()).toHaveLength(3);
	}, 60_000);

	it('a first version has nothing to carry and no changes', async () => {
		const { db, rooms, hong, upload } = await setup();
		const v1 = await upload(LINES);
		expect(await carryMarks(db, rooms, v1)).toBeNull();
		expect(await changesView(db, rooms, hong, v1)).toEqual({ previous: null, pages: [] });
	}, 30_000);
});
