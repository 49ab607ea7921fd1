import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

// y-websocket's message type for awareness (y-websocket.js `messageAwareness`).
const MESSAGE_AWARENESS = 1;

/**
 * Makes a provider send only this tablet's own awareness state. Stock y-websocket 3 re-sends every awareness change
 * it hears, other tablets' included: in a room of N tablets each cursor move would come back to the server N times,
 * to be dropped there (connection.ts keeps only a connection's own entries). Call once, right after creating the
 * provider.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
	const { awareness } = provider;
	awareness.off('update', provider._awarenessUpdateHandler);
	provider._awarenessUpdateHandler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
		const own = [...added, ...updated, ...removed].filter((id) => id === awareness.clientID);
		if (own.length === 0 || !provider.wsconnected) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
		if (provider.ws?.readyState === WebSocket.OPEN) provider.ws.send(encoding.toUint8Array(encoder));
	};
	// provider.destroy() unregisters whatever `_awarenessUpdateHandler` holds, so this one is cleaned up too.
	awareness.on('update', provider._awarenessUpdateHandler);
}

