import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { WRITES_REFUSED, type WritesRefusedReason } from '$lib/collab/wire';

// The y-websocket wire protocol: every frame starts with a message type.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

/**
 * Decodes one client frame without applying anything, so the caller can decide (read-only, limits) before the
 * document is touched. Throws on anything malformed: unknown types, truncated varints, trailing garbage.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(frame);
	const type = decoding.readVarUint(decoder);
	let message: ClientMessage;
	switch (type) {
		case MESSAGE_SYNC: {
			const syncType = decoding.readVarUint(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				message = { type: 'sync-step-1', stateVector: decoding.readVarUint8Array(decoder) };
			} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
				message = { type: 'update', update: decoding.readVarUint8Array(decoder) };
			} else {
				throw new Error(`unknown sync message ${syncType}`);
			}
			break;
		}
		case MESSAGE_AWARENESS:
			message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
			break;
		case MESSAGE_QUERY_AWARENESS:
			message = { type: 'query-awareness' };
			break;
		default:
			throw new Error(`unknown message type ${type}`);
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after message');
	return message;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/**
 * Tells a client that what it sent was not stored (y-protocols' permission-denied message), and why: the
 * connection may only read, the update touched someone else's marks, or the writer is over its quota. Its
 * tablet holds changes the room does not have.
 */
export function encodeWritesRefused(reason: WritesRefusedReason = WRITES_REFUSED): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AUTH);
	authProtocol.writePermissionDenied(encoder, reason);
	return encoding.toUint8Array(encoder);
}
