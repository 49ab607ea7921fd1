// A lean y-websocket peer for load tests: real protocol (sync step 1/2, updates) over `ws`, no awareness timers,
// so a few hundred fit in one process next to the server on a 2-core machine.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

export function connect(url, room, cookie, { onUpdate, keepDoc = false } = {}) {
	const doc = keepDoc ? new Y.Doc() : null;
	const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/${room}`, { headers: { cookie, origin: url }, perMessageDeflate: false });
	let synced = false;
	const ready = new Promise((resolve, reject) => {
		ws.once('error', reject);
		ws.on('message', (data) => {
			const bytes = new Uint8Array(data);
			const decoder = decoding.createDecoder(bytes);
			if (decoding.readVarUint(decoder) !== 0) return; // awareness: ignored here
			const type = decoding.readVarUint(decoder);
			if (type === syncProtocol.messageYjsSyncStep1) {
				// Answer with our (empty or current) state, as a real client does, then ask for the server's.
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 0);
				syncProtocol.writeSyncStep2(encoder, doc ?? new Y.Doc(), decoding.readVarUint8Array(decoder));
				ws.send(encoding.toUint8Array(encoder));
				const ask = encoding.createEncoder();
				encoding.writeVarUint(ask, 0);
				syncProtocol.writeSyncStep1(ask, doc ?? new Y.Doc());
				ws.send(encoding.toUint8Array(ask));
			} else if (type === syncProtocol.messageYjsSyncStep2) {
				const update = decoding.readVarUint8Array(decoder);
				if (doc) Y.applyUpdate(doc, update);
				if (!synced) {
					synced = true;
					resolve();
				}
			} else {
				const update = decoding.readVarUint8Array(decoder);
				if (doc) Y.applyUpdate(doc, update);
				onUpdate?.(update);
			}
		});
	});
	return {
		ws,
		doc,
		ready,
		sendUpdate(update) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeUpdate(encoder, update);
			ws.send(encoding.toUint8Array(encoder));
		},
		close: () => ws.terminate()
	};
}
