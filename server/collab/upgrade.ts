import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { liveSessionIds, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { config } from '../../src/lib/server/config';
import { getDb } from '../../src/lib/server/db/client';
import { upgradeOriginAllowed } from '../edge/origin';
import type { EdgeRules } from '../edge/rules';
import { sessionFromCookie } from '../edge/session';
import { rejectUpgrade, type UpgradeRoute } from '../upgrade';
import { decideDisplayRoom, decideRoom } from './access';
import { AccessCache } from './access-cache';
import { accessMayHaveShrunk } from '../../src/lib/server/auth/access-epoch';
import { readCookie } from '../edge/cookies';
import { activeDisplayLinkIds } from '../../src/lib/server/display/links';
import { displayConnectionId } from '../../src/lib/server/display/token';
import type { CollabHub } from '../../src/lib/server/collab/hub';
import { CLOSE, type Connection } from '../../src/lib/server/collab/connection';
import { log } from '../../src/lib/server/log';

export const COLLAB_PREFIX = '/collab/';

/**
 * The /collab/<room> upgrade route. Identity, Origin and room access are all checked before the socket is
 * accepted, so an unauthorised client never holds a WebSocket, not even for a moment.
 */
export function createCollabRoute(hub: CollabHub, rules: EdgeRules): UpgradeRoute {
	const wss = new WebSocketServer({ noServer: true, maxPayload: hub.options.maxFrameBytes, perMessageDeflate: false });
	const sessionOf = new WeakMap<Connection, string>();
	const displayOf = new WeakMap<Connection, string>();
	// A few seconds' memory of sessions and rooms just granted (access-cache.ts says what ends an entry early).
	const cache = new AccessCache();
	watchSessions(hub, sessionOf);
	watchDisplayLinks(hub, displayOf);
	return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
		const url = new URL(req.url ?? '/', 'http://collab.invalid');
		if (!url.pathname.startsWith(COLLAB_PREFIX)) return false;

		if (!upgradeOriginAllowed(req, rules.appOrigin(req.headers))) {
			rejectUpgrade(socket, 403, 'Forbidden');
			return true;
		}
		const session = cache.session(readCookie(req.headers.cookie, SESSION_COOKIE), () => sessionFromCookie(req));
		const db = getDb();
		let roomName: string;
		try {
			roomName = decodeURIComponent(url.pathname.slice(COLLAB_PREFIX.length));
		} catch {
			rejectUpgrade(socket, session.state === 'valid' ? 404 : 401, session.state === 'valid' ? 'Not Found' : 'Unauthorized');
			return true;
		}
		if (session.state !== 'valid') {
			// A hall display holds no session, only its link's cookie: the live room of that meeting, read-only.
			const display = decideDisplayRoom(db, (name) => readCookie(req.headers.cookie, name), roomName);
			if (!display.ok) {
				rejectUpgrade(socket, display.status, 'Unauthorized');
				return true;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				const conn = hub.connect(ws, display.room, displayConnectionId(display.linkId), false, false);
				displayOf.set(conn, display.linkId);
			});
			return true;
		}
		const decision = cache.room(session.user.id, roomName, () => decideRoom(db, session.user, roomName));
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
			const ended = open.filter(([, id]) => !alive.has(id));
			// Found ended here (an expiry, or a change this process did not make): the upgrade's cache must not let
			// the tablet straight back in on the reconnect that follows.
			if (ended.length > 0) accessMayHaveShrunk();
			for (const [conn] of ended) conn.close(CLOSE.accessChanged, 'session ended');
		} catch (error) {
			log().error({ err: error }, '[collab] could not check the sessions of open sockets');
		}
	}, config().session.checkSocketsMs);
	timer.unref();
}

/**
 * The same for hall displays: a revoked link closes its sockets at once (through the meeting events), and this
 * catches what that cannot see (a link revoked by another process sharing the database).
 */
function watchDisplayLinks(hub: CollabHub, displayOf: WeakMap<Connection, string>): void {
	const timer = setInterval(() => {
		const open: [Connection, string][] = [];
		for (const room of hub.rooms.values()) {
			for (const conn of room.connections) {
				const id = displayOf.get(conn);
				if (id) open.push([conn, id]);
			}
		}
		if (open.length === 0) return;
		try {
			const alive = activeDisplayLinkIds(getDb(), [...new Set(open.map(([, id]) => id))]);
			const revoked = open.filter(([, id]) => !alive.has(id));
			if (revoked.length > 0) accessMayHaveShrunk();
			for (const [conn] of revoked) conn.close(CLOSE.accessChanged, 'display link revoked');
		} catch (error) {
			log().error({ err: error }, '[collab] could not check the display links of open sockets');
		}
	}, config().session.checkSocketsMs);
	timer.unref();
}
