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

/**
 * One update as a sync message: [MESSAGE_SYNC, messageYjsUpdate, varuint length, bytes], written straight into one
 * array of the right size. Every accepted update goes through here once (the relay sends the same bytes to every
 * socket), so it skips lib0's growing encoder and its final copy.
 */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	const length = update.byteLength;
	let lengthBytes = 1;
	for (let v = length; v > 0x7f; v = Math.floor(v / 0x80)) lengthBytes++;
	const message = new Uint8Array(2 + lengthBytes + length);
	message[0] = MESSAGE_SYNC;
	message[1] = syncProtocol.messageYjsUpdate;
	let at = 2;
	let v = length;
	for (; v > 0x7f; v = Math.floor(v / 0x80)) message[at++] = 0x80 | (v & 0x7f);
	message[at++] = v;
	message.set(update, at);
	return message;
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
