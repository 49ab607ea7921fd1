import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { liveSessionIds } from '../../src/lib/server/auth/sessions';
import { config } from '../../src/lib/server/config';
import { getDb } from '../../src/lib/server/db/client';
import { upgradeOriginAllowed } from '../edge/origin';
import type { EdgeRules } from '../edge/rules';
import { sessionFromCookie } from '../edge/session';
import { rejectUpgrade, type UpgradeRoute } from '../upgrade';
import { decideRoom } from './access';
import type { CollabHub } from '../../src/lib/server/collab/hub';
import { CLOSE, type Connection } from '../../src/lib/server/collab/connection';

export const COLLAB_PREFIX = '/collab/';

/**
 * The /collab/<room> upgrade route. Identity, Origin and room access are all checked before the socket is
 * accepted, so an unauthorised client never holds a WebSocket, not even for a moment.
 */
export function createCollabRoute(hub: CollabHub, rules: EdgeRules): UpgradeRoute {
	const wss = new WebSocketServer({ noServer: true, maxPayload: hub.options.maxFrameBytes, perMessageDeflate: false });
	const sessionOf = new WeakMap<Connection, string>();
	watchSessions(hub, sessionOf);
	return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
		const url = new URL(req.url ?? '/', 'http://collab.invalid');
		if (!url.pathname.startsWith(COLLAB_PREFIX)) return false;

		if (!upgradeOriginAllowed(req, rules.appOrigin(req.headers))) {
			rejectUpgrade(socket, 403, 'Forbidden');
			return true;
		}
		const session = sessionFromCookie(req);
		if (session.state !== 'valid') {
			rejectUpgrade(socket, 401, 'Unauthorized');
			return true;
		}
		const db = getDb();
		let roomName: string;
		try {
			roomName = decodeURIComponent(url.pathname.slice(COLLAB_PREFIX.length));
		} catch {
			rejectUpgrade(socket, 404, 'Not Found');
			return true;
		}
		const decision = decideRoom(db, session.user, roomName);
		if (!decision.ok) {
			rejectUpgrade(socket, decision.status, 'Not Found');
			return true;
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			const conn = hub.connect(ws, decision.room, session.user.id, decision.access === 'write', decision.relaysAwareness);
			sessionOf.set(conn, session.session.id);
		});
		return true;
	};
}

/**
 * A socket is let in with a session and must not outlive it: every little while (SESSION_CHECK_SECONDS) the
 * sessions behind open sockets are looked up, and the sockets of one that expired, was signed out or whose
 * account was deactivated are closed like any change of access; reconnecting then meets a 401.
 */
function watchSessions(hub: CollabHub, sessionOf: WeakMap<Connection, string>): void {
	const timer = setInterval(() => {
		const open: [Connection, string][] = [];
		for (const room of hub.rooms.values()) {
			for (const conn of room.connections) {
				const id = sessionOf.get(conn);
				if (id) open.push([conn, id]);
			}
		}
		if (open.length === 0) return;
		try {
			const alive = liveSessionIds(getDb(), [...new Set(open.map(([, id]) => id))]);
			for (const [conn, id] of open) if (!alive.has(id)) conn.close(CLOSE.accessChanged, 'session ended');
		} catch (error) {
			console.error('[collab] could not check the sessions of open sockets', error);
		}
	}, config().session.checkSocketsMs);
	timer.unref();
}
