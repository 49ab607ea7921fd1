import * as authProtocol from 'y-protocols/auth';
import { messageAuth, type WebsocketProvider } from 'y-websocket';
import { WRITES_REFUSED_REASONS, type WritesRefusedReason } from './wire';

/**
 * Calls `refused` when the server says this tablet sent changes it did not store, with the reason: the room became
 * read-only for this user (minutes submitted, meeting archived) while the tablet held unsent writing, typed
 * offline or in the last instant; the change touched a colleague's marks; or the writer is over its quota. The
 * writing stays in the tablet's copy; the page says it is not in the room. Stock y-websocket only logs a
 * "permission denied" message.
 */
export function onWritesRefused(provider: WebsocketProvider, refused: (reason: WritesRefusedReason) => void): void {
	provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
		authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => {
			const known = WRITES_REFUSED_REASONS.find((r) => r === reason);
			if (known) refused(known);
			else console.warn(`[collab] ${provider.roomname}: permission denied (${reason})`);
		});
	};
}
