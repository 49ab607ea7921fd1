// Carrying marks to a new version at the size of a book: freeculture.pdf (352 pages) uploaded as version 1, 1,000
// marks on it (800 highlights and 100 notes in the shared layer, 100 notes in five delegates' private layers,
// each note with a reply), then version 2 (a blank page inserted after page 10, page 200 removed, made with
// pdf-lib) uploaded through the API against the production build. The figure is the carry itself, as the server
// records it in version_carries.elapsed_ms: comparing the versions, placing every mark and writing the rooms
// (with the server's CPU time for it, from its log line, since the wall clock on a shared machine is mostly waiting).
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import * as Y from 'yjs';
import { insertMeeting, insertMembers, insertSession, newId, openDb, ROOT, round, seedDemo, startServer, tempDataDir } from './support/server.mjs';

export const name = 'version-carry';
export const target = 'carrying 1,000 marks from version 1 to version 2 of a 352-page book < 2 s';

const MARKS = Number(process.env.BENCH_CARRY_MARKS ?? 1000);
const TARGET_MS = 2000;
const BOOK = path.join(ROOT, 'tests/fixtures/pdfs/freeculture.pdf');

/** A deterministic generator, so every run carries the same marks. */
function random(seed) {
	let s = seed;
	return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function upload(url, cookie, itemPath, bytes, filename, replaces) {
	const form = new FormData();
	form.append('file', new Blob([bytes], { type: 'application/pdf' }), filename);
	if (replaces) form.append('replaces', replaces);
	const res = await fetch(`${url}${itemPath}`, { method: 'POST', headers: { cookie, origin: url }, body: form });
	if (res.status !== 201) throw new Error(`upload ${filename}: ${res.status} ${await res.text()}`);
	return (await res.json()).id;
}

/** Phrases of 3 to 6 words inside one text run of a page, with the run's box: what a reader's selection gives. */
function phrasesOf(db, documentId, count, rnd) {
	const pages = db.prepare('select page, layout from document_page_layouts where document_id = ? order by page').all(documentId).map((r) => ({ page: r.page, ...JSON.parse(r.layout) }));
	const out = [];
	while (out.length < count) {
		const p = pages[Math.floor(rnd() * pages.length)];
		const runs = p.runs.length / 6;
		if (runs === 0) continue;
		const i = Math.floor(rnd() * runs);
		const [s, e, x, y, w, h] = p.runs.slice(i * 6, i * 6 + 6);
		const words = p.text.slice(s, e).split(' ');
		if (words.length < 6) continue;
		const from = Math.floor(rnd() * (words.length - 5));
		const phrase = words.slice(from, from + 3 + Math.floor(rnd() * 3)).join(' ');
		if (phrase.trim().length < 12) continue;
		const offset = p.text.slice(s, e).indexOf(phrase);
		const per = w / (e - s);
		out.push({ page: p.page, phrase, rect: { x: x + per * offset, y: y - h * 0.2, width: per * phrase.length, height: h * 1.1 }, line: { x, y, w } });
	}
	return out;
}

/** Writes a room's marks as one stored update, as a compacted room holds them. */
function storeRoom(db, room, fill) {
	const doc = new Y.Doc();
	doc.transact(() => fill(doc.getMap('marks'), doc.getMap('replies')));
	db.prepare('insert into collab_updates (room, "update", user_id, authors, created_at) values (?, ?, null, ?, ?)').run(room, Buffer.from(Y.encodeStateAsUpdate(doc)), '[]', Date.now());
	doc.destroy();
}

export async function run() {
	const dataDir = tempDataDir();
	await seedDemo(dataDir);
	const db = openDb(dataDir);
	const delegates = insertMembers(db, 5, 'carry');
	const meeting = insertMeeting(db, delegates, 'Phiên họp đo chuyển ghi chú');
	const secretary = db.prepare("select id from users where username = 'secretary'").get().id;
	const cookie = insertSession(db, secretary);
	const server = await startServer(dataDir);
	try {
		const itemPath = `/api/v1/meetings/${meeting.id}/agenda/${meeting.itemId}/documents`;
		const book = fs.readFileSync(BOOK);
		const v1 = await upload(server.url, cookie, itemPath, book, 'freeculture.pdf');

		const rnd = random(2026);
		const phrases = phrasesOf(db, v1, MARKS, rnd);
		const now = Date.now();
		const author = (i) => ({ id: delegates[i % delegates.length], displayName: `Đại biểu ${i % delegates.length}` });
		const base = (i, p) => ({ id: `m${i}-${newId()}`, page: p.page, color: '#f7d94c', author: author(i), createdAt: now, updatedAt: now });
		const note = (i, p) => ({ ...base(i, p), kind: 'note', x: p.line.x + p.line.w + 10, y: p.line.y + 4, text: `Ghi chú ${i}`, resolved: false });
		const thread = (i) => Y.Array.from([{ id: `r${i}`, author: author(i + 1), text: 'Đồng ý', createdAt: now }]);
		const sharedCount = Math.round(MARKS * 0.9);
		storeRoom(db, `document:${v1}:shared`, (marks, replies) => {
			phrases.slice(0, sharedCount).forEach((p, i) => {
				if (i % 9 === 8) {
					const n = note(i, p);
					marks.set(n.id, n);
					replies.set(n.id, thread(i));
				} else {
					const h = { ...base(i, p), kind: 'highlight', rects: [p.rect], text: p.phrase };
					marks.set(h.id, h);
				}
			});
		});
		delegates.forEach((userId, d) => {
			storeRoom(db, `document:${v1}:private:${userId}`, (marks, replies) => {
				phrases.slice(sharedCount).forEach((p, j) => {
					if (j % delegates.length !== d) return;
					const n = { ...note(d, p), author: { id: userId, displayName: `Đại biểu ${d}` } };
					marks.set(n.id, n);
					replies.set(n.id, Y.Array.from([]));
				});
			});
		});

		const edited = await PDFDocument.load(book, { updateMetadata: false });
		edited.removePage(199);
		edited.insertPage(10);
		const v2Bytes = await edited.save({ useObjectStreams: false });
		const began = performance.now();
		const v2 = await upload(server.url, cookie, itemPath, v2Bytes, 'freeculture-v2.pdf', v1);
		const uploadMs = performance.now() - began;

		const carry = db.prepare('select elapsed_ms, marks_carried, pages_changed from version_carries where document_id = ?').get(v2);
		if (!carry) throw new Error(`no carry recorded for ${v2}:\n${server.log().slice(-2000)}`);
		const orphans = db.prepare('select count(*) as n from carried_marks where document_id = ? and page is null').get(v2).n;
		// The server's log line of the carry also says how much of that time was its own CPU.
		const logged = server
			.log()
			.split('\n')
			.flatMap((line) => {
				try {
					const entry = JSON.parse(line);
					return entry.documentId === v2 && typeof entry.cpuMs === 'number' ? [entry] : [];
				} catch {
					return [];
				}
			})[0];
		return {
			pages: 352,
			marks: MARKS,
			carryMs: carry.elapsed_ms,
			carryCpuMs: logged?.cpuMs ?? null,
			marksCarried: carry.marks_carried,
			orphans,
			pagesChanged: carry.pages_changed,
			uploadWithCarryMs: round(uploadMs, 0),
			pass: carry.elapsed_ms < TARGET_MS && carry.marks_carried + orphans === MARKS
		};
	} finally {
		await server.stop();
		db.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
