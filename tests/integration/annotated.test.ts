import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMark } from '../../src/lib/collab/annotations';
import { connectPeer, eventually, storedUpdates, synced, type Peer } from './collab-client';
import { demoMeetingId, loggedIn, startServer, userIds, type ApiClient, type TestServer } from './harness';
import { PDF_DIR } from '../fixtures/pdfs';

const CORPUS = PDF_DIR;

let server: TestServer;
let documentId: string;
const clients = new Map<string, ApiClient>();
const ids = new Map<string, string>();
const peers: Peer[] = [];

beforeAll(async () => {
	server = await startServer({ seed: true });
	for (const username of ['secretary', 'delegate1', 'delegate2', 'outsider']) clients.set(username, await loggedIn(server.url, username));
	const secretary = clients.get('secretary')!;
	for (const [name, id] of await userIds(secretary)) ids.set(name, id);
	const meetingId = await demoMeetingId(server.url);
	const meeting = await secretary.request('GET', `/api/v1/meetings/${meetingId}`);
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(fs.readFileSync(path.join(CORPUS, 'tracemonkey.pdf')))], { type: 'application/pdf' }), 'tracemonkey.pdf');
	const res = await fetch(`${server.url}/api/v1/meetings/${meetingId}/agenda/${meeting.body.agenda[1].id}/documents`, {
		method: 'POST',
		headers: { cookie: secretary.cookie, origin: server.url },
		body: form
	});
	expect(res.status).toBe(201);
	documentId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
	for (const p of peers) p.destroy();
	await server?.stop();
});

async function annotationsOf(client: ApiClient, query = '') {
	const res = await fetch(`${server.url}/api/v1/documents/${documentId}/annotated${query}`, { headers: { cookie: client.cookie } });
	if (res.status !== 200) return { status: res.status, annotations: [] as { subtype: string; contentsObj?: { str: string }; titleObj?: { str: string } }[] };
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const pdf = await pdfjs.getDocument({ data: new Uint8Array(await res.arrayBuffer()), isEvalSupported: false }).promise;
	const annotations = [];
	for (let p = 1; p <= pdf.numPages; p++) annotations.push(...(await (await pdf.getPage(p)).getAnnotations()));
	await pdf.destroy();
	return { status: res.status, annotations, disposition: res.headers.get('content-disposition') };
}

describe('Download with annotations', () => {
	it('writes the shared layer and only the caller’s own private layer as PDF annotations', async () => {
		const hong = { id: ids.get('delegate1')!, displayName: 'Lê Thị Hồng' };
		const sharedPeer = connectPeer(server.url, `document:${documentId}:shared`, clients.get('delegate1')!.cookie);
		const privatePeer = connectPeer(server.url, `document:${documentId}:private:${hong.id}`, clients.get('delegate1')!.cookie);
		peers.push(sharedPeer, privatePeer);
		await Promise.all([synced(sharedPeer), synced(privatePeer)]);
		addMark(sharedPeer.doc, { ...hong, displayName: 'Chủ tọa' }, { kind: 'ink', page: 2, color: '#f28b82', points: [100, 100, 140, 160, 180, 120], pressures: null, width: 2 });
		addMark(privatePeer.doc, hong, { kind: 'note', page: 1, color: '#f7d94c', x: 300, y: 500, text: 'Ghi chú riêng của tôi', resolved: false });
		await eventually(() => storedUpdates(server.dataDir, `document:${documentId}:private:${hong.id}`).rows > 0, 5_000, 'private note stored');
		await eventually(() => storedUpdates(server.dataDir, `document:${documentId}:shared`).rows > 0, 5_000, 'ink stored');

		const mine = await annotationsOf(clients.get('delegate1')!);
		expect(mine.status).toBe(200);
		expect(mine.annotations.map((a) => a.subtype).sort()).toEqual(['Ink', 'Text']);
		expect(mine.annotations.find((a) => a.subtype === 'Text')?.contentsObj?.str).toBe('Ghi chú riêng của tôi');

		const theirs = await annotationsOf(clients.get('delegate2')!);
		expect(theirs.annotations.map((a) => a.subtype)).toEqual(['Ink']);
		// The name beside a mark comes from the account, not from what the tablet wrote into the room.
		expect(theirs.annotations[0]?.titleObj?.str).toMatch(/^Lê Thị Hồng \(/);
		expect(JSON.stringify(theirs.annotations)).not.toContain('Ghi chú riêng');

		const sharedOnly = await annotationsOf(clients.get('delegate1')!, '?layers=shared');
		expect(sharedOnly.annotations.map((a) => a.subtype)).toEqual(['Ink']);
	});

	it('is refused to people outside the meeting, and for unknown layers', async () => {
		expect((await annotationsOf(clients.get('outsider')!)).status).toBe(404);
		expect((await annotationsOf(clients.get('delegate1')!, '?layers=everyone')).status).toBe(400);
	});
});
