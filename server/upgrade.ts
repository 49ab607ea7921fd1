import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Every WebSocket upgrade arrives here, before any socket is accepted. The collaboration rooms (/collab/<room>)
 * attach to this point; until a route claims an upgrade it is refused with a plain HTTP status, so no client
 * ever holds an open socket it was not allowed.
 */
export type UpgradeRoute = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	}
	socket.destroy();
}

export function createUpgradeHandler(routes: UpgradeRoute[]) {
	return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		socket.on('error', () => socket.destroy());
		for (const route of routes) {
			if (route(req, socket, head)) return;
		}
		rejectUpgrade(socket, 404, 'Not Found');
	};
}
