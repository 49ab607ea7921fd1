import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wouldChange as wouldChangeSnapshot } from '$lib/server/collab/would-change';

const wouldChange = (doc: Y.Doc, update: Uint8Array) => wouldChangeSnapshot(Y.snapshot(doc), update);

/** A server room and a client that has synced with it (same content, same ids). */
function pair(text = 'Biên bản kỳ họp') {
	const server = new Y.Doc();
	server.getText('t').insert(0, text);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return { server, client };
}

/** What a y-websocket client sends in answer to the server's sync step 1: all it has that the server lacks. */
const syncStep2 = (client: Y.Doc, server: Y.Doc) => Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

describe('wouldChange', () => {
	it('is false for a client that has nothing new, though it sends its whole delete set', () => {
		const { server, client } = pair();
		server.getText('t').delete(0, 4);
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const update = syncStep2(client, server);
		expect(Y.decodeUpdate(update).ds.clients.size).toBeGreaterThan(0);
		expect(wouldChange(server, update)).toBe(false);
		expect(wouldChange(server, syncStep2(new Y.Doc(), server))).toBe(false);
	});

	it('is true for text typed on the client that the server has not seen', () => {
		const { server, client } = pair();
		client.getText('t').insert(15, ' thứ 12');
		expect(wouldChange(server, syncStep2(client, server))).toBe(true);
	});

	it('is true for more text from a writer whose earlier text the server already has', () => {
		const { server, client } = pair();
		client.getText('t').insert(0, 'Dự thảo: ');
		Y.applyUpdate(server, syncStep2(client, server));
		client.getText('t').insert(0, 'Bản 2. ');
		const update = syncStep2(client, server);
		// The update starts at the writer's clock 9, not 0.
		expect(Y.parseUpdateMeta(update).from.get(client.clientID)).toBeGreaterThan(0);
		expect(wouldChange(server, update)).toBe(true);
	});

	it('is true for a deletion made on the client of text the server still holds', () => {
		const { server, client } = pair();
		client.getText('t').delete(3, 1);
		expect(wouldChange(server, syncStep2(client, server))).toBe(true);
	});

	it('is false once the server has the same change, from whichever side', () => {
		const { server, client } = pair();
		client.getText('t').delete(3, 5);
		client.getText('t').insert(0, 'Dự thảo: ');
		Y.applyUpdate(server, syncStep2(client, server));
		expect(wouldChange(server, syncStep2(client, server))).toBe(false);
		expect(wouldChange(server, Y.encodeStateAsUpdate(client))).toBe(false);
	});

	it('stays linear for a long document with many deletions', () => {
		// A wall-clock bound fails on a busy machine; the ratio between two sizes does not: both slow down alike.
		// Linear work grows 10× from 2,000 to 20,000 deleted ranges, the range-by-range scan it replaced 100×.
		const best = (words: number) => {
			const { server, client } = pair('');
			const text = server.getText('t');
			text.insert(0, 'chữ '.repeat(words));
			// One deleted range per word, deleted from the end so positions hold.
			for (let i = words - 1; i >= 0; i--) text.delete(i * 4 + 1, 1);
			Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
			const update = syncStep2(client, server);
			let fastest = Infinity;
			for (let run = 0; run < 5; run++) {
				const started = performance.now();
				expect(wouldChange(server, update)).toBe(false);
				fastest = Math.min(fastest, performance.now() - started);
			}
			return fastest;
		};
		const small = best(2_000);
		const large = best(20_000);
		expect(large / Math.max(small, 0.05)).toBeLessThan(40);
	});
});
