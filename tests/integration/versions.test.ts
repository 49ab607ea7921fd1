import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMark, addReply, repliesTo, type Author, type NewMark } from '../../src/lib/collab/annotations';
import { inspectPdf } from '../../src/lib/server/documents/inspect';
import { rectsOfRange } from '../../src/lib/server/versions/layout';
import { VersionText } from '../../src/lib/server/versions/text-index';
import { pdfPath, readPdf } from '../fixtures/pdfs';
import { linesOf } from '../fixtures/version-lines';
import { linesByPage, reflow, typeset } from '../fixtures/version-pdfs';
import { connectPeer, eventually, storedUpdates, synced, type Peer } from './collab-client';
import { demoMeetingId, loggedIn, startServer, userIds, type ApiClient, type TestServer } from './harness';

// A new version of a paper the delegates annotated: their marks follow it (shared layer, and each one's private
// layer for that one only), what cannot be placed is listed, and both read APIs say so.

let server: TestServer;
const clients = new Map<string, ApiClient>();
const ids = new Map<string, string>();
const peers: Peer[] = [];
let meetingId: string;
let itemId: string;

interface MarkEntry {
	id: string;
	kind: string;
	page: number;
	quote: string;
	author: { id: string; displayName: string };
	carriedFrom: { documentId: string; markId: string; page: number } | null;
}
interface AnnotationsBody {
	marks: MarkEntry[];
	orphans: { markId: string; page: number; quote: string }[];
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	for (const username of ['secretary', 'delegate1', 'delegate2', 'outsider']) clients.set(username, await loggedIn(server.url, username));
	for (const [name, id] of await userIds(clients.get('secretary')!)) ids.set(name, id);
	meetingId = await demoMeetingId(server.url);
	itemId = (await clients.get('secretary')!.request('GET', `/api/v1/meetings/${meetingId}`)).body.agenda[1].id;
});

afterAll(async () => {
	for (const p of peers) p.destroy();
	await server?.stop();
});

async function upload(bytes: Uint8Array, filename: string, replaces?: string): Promise<string> {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), filename);
	if (replaces) form.append('replaces', replaces);
	const res = await fetch(`${server.url}/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		method: 'POST',
		headers: { cookie: clients.get('secretary')!.cookie, origin: server.url },
		body: form
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

async function get<T>(who: string, path: string): Promise<{ status: number; body: T }> {
	const res = await fetch(`${server.url}${path}`, { headers: { cookie: clients.get(who)!.cookie } });
	return { status: res.status, body: (await res.json()) as T };
}

async function peer(who: string, room: string): Promise<Peer> {
	const p = connectPeer(server.url, room, clients.get(who)!.cookie);
	peers.push(p);
	await synced(p);
	return p;
}

describe('a new version of an annotated paper', () => {
	it('carries shared and private marks, lists orphans, and keeps each private layer to its owner', async () => {
		const v1Bytes = new Uint8Array(readPdf('quang-ninh-hanh-chinh-cong.pdf'));
		const v1 = await upload(v1Bytes, 'bai-5.pdf');
		const layouts = (await inspectPdf(pdfPath('quang-ninh-hanh-chinh-cong.pdf'))).layouts;
		const text = new VersionText(layouts);
		const lines = linesByPage(layouts);
		const perPage = Math.max(...lines.map((p) => p.length));
		const words = (line: string) => line.split(' ').slice(2, 5).join(' ');
		const highlight = (page: number, phrase: string): NewMark => {
			const at = text.text(page).indexOf(phrase);
			const [s, e] = text.rawRange(page, at, at + phrase.length);
			return { kind: 'highlight', page, color: '#f7d94c', rects: rectsOfRange(layouts[page - 1]!, s, e), text: phrase };
		};
		const hong: Author = { id: ids.get('delegate1')!, displayName: 'Lê Thị Hồng' };
		const minh: Author = { id: ids.get('delegate2')!, displayName: 'Trần Văn Minh' };

		// delegate1: a shared highlight near the end of page 1 (it will move to page 2) and a private note beside line 10.
		const movingLine = lines[0]!.length - 2;
		const moving = words(lines[0]![movingLine]!);
		const d1Shared = await peer('delegate1', `document:${v1}:shared`);
		const d1Private = await peer('delegate1', `document:${v1}:private:${hong.id}`);
		const sharedHighlight = addMark(d1Shared.doc, hong, highlight(1, moving));
		const line10 = linesOf(layouts[0]!)[10]!;
		const privateNote = addMark(d1Private.doc, hong, { kind: 'note', page: 1, color: '#f7d94c', x: line10.x1 + 12, y: line10.y + 4, text: 'Ghi chú riêng: kiểm tra số liệu', resolved: false });
		// delegate2: a shared note with delegate1's reply, and a shared highlight in a line that version 2 deletes.
		const d2Shared = await peer('delegate2', `document:${v1}:shared`);
		await eventually(() => d2Shared.doc.getMap('marks').size === 1, 5_000, 'delegate2 sees the shared highlight');
		const sharedNote = addMark(d2Shared.doc, minh, { kind: 'note', page: 2, color: '#6cb4ee', x: 300, y: 500, text: 'Đề nghị bổ sung số liệu', resolved: false });
		await eventually(() => d1Shared.doc.getMap('marks').size === 2, 5_000, 'delegate1 sees the note');
		addReply(d1Shared.doc, sharedNote.id, hong, 'Đồng ý, sẽ bổ sung');
		const deletedLine = 6;
		const gone = words(lines[2]![deletedLine]!);
		const orphaned = addMark(d2Shared.doc, minh, highlight(3, gone));
		const d2Private = await peer('delegate2', `document:${v1}:private:${minh.id}`);
		const d2PrivateMark = addMark(d2Private.doc, minh, highlight(2, words(lines[1]![3]!)));
		await eventually(() => storedUpdates(server.dataDir, `document:${v1}:shared`).rows >= 4, 5_000, 'shared marks stored');
		await eventually(() => storedUpdates(server.dataDir, `document:${v1}:private:${minh.id}`).rows > 0, 5_000, 'private marks stored');
		await eventually(() => storedUpdates(server.dataDir, `document:${v1}:private:${hong.id}`).rows > 0, 5_000, 'private note stored');

		// Version 2: a paragraph inserted before the moving highlight, a line of page 3 deleted.
		const inserted = Array.from({ length: perPage }, (_, i) => `Nội dung bổ sung thứ ${i + 1} của Văn phòng Ủy ban nhân dân tỉnh.`);
		const edited = lines.map((p, i) => (i === 0 ? [...p.slice(0, movingLine), ...inserted, ...p.slice(movingLine)] : i === 2 ? p.filter((_, j) => j !== deletedLine) : p));
		const v2 = await upload(await typeset(reflow(edited, perPage)), 'bai-5-v2.pdf', v1);

		const shared = await get<AnnotationsBody>('delegate1', `/api/v1/documents/${v2}/annotations?layer=shared`);
		expect(shared.status).toBe(200);
		const carriedHighlight = shared.body.marks.find((m) => m.carriedFrom?.markId === sharedHighlight.id);
		expect(carriedHighlight).toMatchObject({ kind: 'highlight', page: 2, quote: moving, author: { id: hong.id, displayName: 'Lê Thị Hồng' }, carriedFrom: { documentId: v1, page: 1 } });
		expect(shared.body.marks.find((m) => m.carriedFrom?.markId === sharedNote.id)).toMatchObject({ kind: 'note', carriedFrom: { documentId: v1, page: 2 } });
		expect(shared.body.orphans).toEqual([{ markId: orphaned.id, page: 3, quote: gone }]);
		expect(shared.body.marks).toHaveLength(2);

		// The reply travelled with its note, in its author's name.
		const v2Shared = await peer('delegate2', `document:${v2}:shared`);
		const carriedNoteId = shared.body.marks.find((m) => m.kind === 'note')!.id;
		expect(repliesTo(v2Shared.doc, carriedNoteId).map((r) => [r.author.id, r.text])).toEqual([[hong.id, 'Đồng ý, sẽ bổ sung']]);

		const hongPrivate = await get<AnnotationsBody>('delegate1', `/api/v1/documents/${v2}/annotations?layer=private`);
		expect(hongPrivate.body.marks).toEqual([expect.objectContaining({ kind: 'note', page: 1, carriedFrom: { documentId: v1, markId: privateNote.id, page: 1 } })]);
		expect(hongPrivate.body.orphans).toEqual([]);
		const minhPrivate = await get<AnnotationsBody>('delegate2', `/api/v1/documents/${v2}/annotations?layer=private`);
		expect(minhPrivate.body.marks.map((m) => m.carriedFrom?.markId)).toEqual([d2PrivateMark.id]);
		// delegate1's private note never reaches delegate2, by any route.
		const minhEverything = JSON.stringify([minhPrivate.body, (await get('delegate2', `/api/v1/documents/${v2}/annotations?layer=shared`)).body]);
		expect(minhEverything).not.toContain(privateNote.id);
		expect(minhEverything).not.toContain(hongPrivate.body.marks[0]!.id);

		const changes = await get<{ previous: string | null; pages: { page: number; added: string[]; removed: string[] }[] }>('delegate2', `/api/v1/documents/${v2}/changes`);
		expect(changes.body.previous).toBe(v1);
		expect(changes.body.pages.find((p) => p.page === 1)?.added.join(' ')).toContain('Nội dung bổ sung thứ 1');
		expect(changes.body.pages.some((p) => p.removed.join(' ').includes(gone))).toBe(true);
		expect((await get<{ previous: string | null; pages: unknown[] }>('delegate1', `/api/v1/documents/${v1}/changes`)).body).toEqual({ previous: null, pages: [] });

		// Once per version: reading again carries nothing twice.
		const again = await get<AnnotationsBody>('delegate1', `/api/v1/documents/${v2}/annotations?layer=shared`);
		expect(again.body.marks.map((m) => m.id).sort()).toEqual(shared.body.marks.map((m) => m.id).sort());
	});

	it('answers outsiders 404 and refuses an unknown layer', async () => {
		const docs = (await clients.get('secretary')!.request('GET', `/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`)).body as { documents: { id: string }[] };
		const id = docs.documents[0]!.id;
		expect((await get('outsider', `/api/v1/documents/${id}/annotations?layer=shared`)).status).toBe(404);
		expect((await get('outsider', `/api/v1/documents/${id}/changes`)).status).toBe(404);
		expect((await get('delegate1', `/api/v1/documents/${id}/annotations?layer=everyone`)).status).toBe(400);
	});
});
