import Database from 'better-sqlite3';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '../../src/lib/server/ids';

/** `ws` with the headers a browser would send: the session cookie and the page's Origin. */
export function browserLikeWebSocket(cookie: string, origin: string) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie, origin } });
		}
	};
}

export interface Peer {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy: () => void;
}

/** A real y-websocket client, as a tablet runs it, connected to `room` with `cookie`. */
export function connectPeer(baseUrl: string, room: string, cookie: string): Peer {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', room, doc, {
		WebSocketPolyfill: browserLikeWebSocket(cookie, baseUrl) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(peer: Peer, timeoutMs = 5_000): Promise<void> {
	if (peer.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('not synced in time')), timeoutMs);
		peer.provider.once('sync', (isSynced: boolean) => {
			if (isSynced) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Opens a raw WebSocket and reports how the server answered the upgrade: the HTTP status, or 101. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', () => resolve(0));
	});
}

/**
 * A mark as a tablet writes it (src/lib/collab/annotations.ts addMark): the server refuses anything else in an
 * annotation room, and marks in anyone's name but the writer's.
 */
export function inkMark(authorId: string, id: string, page = 1, displayName = 'Người thử') {
	return { id, kind: 'ink', page, color: '#f28b82', points: [1, 2, 3, 4], pressures: null, width: 2, author: { id: authorId, displayName }, createdAt: 1, updatedAt: 1 };
}

/** Puts a document row straight into the database so document rooms exist without an upload. */
export function insertDocumentRow(dataDir: string, meetingId: string): string {
	const db = new Database(path.join(dataDir, 'quorum.db'));
	try {
		const item = db.prepare('select id from agenda_items where meeting_id = ? order by position limit 1').get(meetingId) as { id: string };
		const uploader = db.prepare("select id from users where username = 'secretary'").get() as { id: string };
		const id = newId();
		db.prepare(
			`insert into documents (id, meeting_id, agenda_item_id, series_id, version, position, title, filename, sha256, size_bytes, pages, uploaded_by, created_at)
			 values (?, ?, ?, ?, 1, 0, 'Tờ trình', 'to-trinh.pdf', ?, 1, 1, ?, ?)`
		).run(id, meetingId, item.id, id, 'f'.repeat(64), uploader.id, Date.now());
		return id;
	} finally {
		db.close();
	}
}

export function storedUpdates(dataDir: string, room: string): { rows: number; bytes: number; state: Uint8Array | null } {
	const db = new Database(path.join(dataDir, 'quorum.db'), { readonly: true });
	try {
		const rows = db.prepare('select "update" from collab_updates where room = ? order by id').all(room) as { update: Buffer }[];
		const bytes = rows.reduce((n, r) => n + r.update.byteLength, 0);
		return { rows: rows.length, bytes, state: rows.length ? Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))) : null };
	} finally {
		db.close();
	}
}
