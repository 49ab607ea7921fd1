import { expect, test, type APIRequestContext } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Mark } from '../../src/lib/collab/annotations';
import { signInAs } from './fixtures';
import { dragOnPage, openSynced, overlay, tabletAs, uploadCopy } from './collab-helpers';
import { apiAs, demoMeeting, RESOLUTION_ITEM, type DocumentSummary } from './viewer-helpers';

/*
 * A delegate who opens the browser's console cannot erase a colleague's note: the deletion leaves delegate2's own
 * tablet, on its own socket with its own session, and the server drops it.
 */

let meetingId: string;
let doc: DocumentSummary;
let secretary: APIRequestContext;

test.beforeAll(async ({ baseURL }, testInfo) => {
	secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title))!;
	doc = await uploadCopy(secretary, baseURL!, demo.id, item.id, 'tracemonkey.pdf', `tracemonkey-trust-${testInfo.project.name}-${Date.now().toString(36)}.pdf`);
});

test.afterAll(async () => {
	await secretary.dispose();
});

const MESSAGE_SYNC = 0;

test('a delegate cannot delete a colleague’s note from their own tablet’s copy of the room', async ({ page: a, context, browser, baseURL }, testInfo) => {
	const url = `/meetings/${meetingId}/documents/${doc.id}#page=2`;
	const text = `Ghi chú của đại biểu 1 ${Date.now().toString(36)}`;
	await signInAs(context, baseURL!, 'delegate1');
	await openSynced(a, url);
	const tools = a.getByRole('toolbar', { name: 'Công cụ ghi chú' });
	await tools.getByRole('button', { name: 'Ghi chú dán' }).click();
	await dragOnPage(a, 2, [[0.8, 0.15]]);
	await a.getByRole('textbox', { name: 'Nội dung ghi chú' }).fill(text);
	await a.getByRole('button', { name: 'Lưu ghi chú' }).click();
	await expect(overlay(a, 2).getByRole('button', { name: new RegExp(text) })).toBeVisible();

	const { context: contextB, page: b } = await tabletAs(browser, testInfo, baseURL!, 'delegate2');
	try {
		// Delegate2's page talks to the shared room through its own socket; the test reads what the server sends it
		// (the room's state) and, as a console user could, sends a deletion of delegate1's note on that socket.
		const room = new Y.Doc();
		let inject: ((frame: Uint8Array) => void) | null = null;
		await b.routeWebSocket(/\/collab\/document:[a-z2-7]+:shared$/, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((message) => server.send(message));
			server.onMessage((message) => {
				ws.send(message);
				if (typeof message === 'string') return;
				const decoder = decoding.createDecoder(new Uint8Array(message));
				if (decoding.readVarUint(decoder) === MESSAGE_SYNC) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), room, 'server');
			});
			inject = (frame) => server.send(Buffer.from(frame));
		});
		await openSynced(b, url);
		await expect(overlay(b, 2).getByRole('button', { name: new RegExp(text) })).toBeVisible();
		const note = [...room.getMap<Mark>('marks').values()].find((m) => m.kind === 'note' && m.text === text);
		expect(note, 'the note is in the room delegate2 received').toBeDefined();

		const deletion: Uint8Array[] = [];
		room.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && deletion.push(update));
		room.transact(() => {
			room.getMap('marks').delete(note!.id);
			room.getMap('replies').delete(note!.id);
		});
		const frame = encoding.createEncoder();
		encoding.writeVarUint(frame, MESSAGE_SYNC);
		syncProtocol.writeUpdate(frame, Y.mergeUpdates(deletion));
		inject!(encoding.toUint8Array(frame));

		// The server refuses it, and says so on delegate2's tablet.
		await expect(b.getByRole('alert').filter({ hasText: 'ghi chú của người khác' })).toBeVisible({ timeout: 10_000 });

		// Delegate1's tablet still shows the note, after a reload too, and so does a fresh look at the room.
		await b.waitForTimeout(500);
		await expect(overlay(a, 2).getByRole('button', { name: new RegExp(text) })).toBeVisible();
		await a.reload();
		await openSynced(a, url);
		await expect(overlay(a, 2).getByRole('button', { name: new RegExp(text) })).toBeVisible();
		await b.unrouteAll();
		await b.reload();
		await openSynced(b, url);
		await expect(overlay(b, 2).getByRole('button', { name: new RegExp(text) })).toBeVisible();
	} finally {
		await contextB.close();
	}
});
