/**
 * The names of the real-time rooms (docs/overview.md, "Real-time rooms"), shared by the browser, which builds them, and
 * the collab server, which parses every name it is asked for before anything else happens.
 */
export type RoomName =
	| { kind: 'live'; meetingId: string }
	| { kind: 'minutes'; meetingId: string }
	| { kind: 'shared'; documentId: string }
	| { kind: 'private'; documentId: string; userId: string };

// Ids are our own random base32 strings; anything else cannot name a room.
const ID = '([a-z2-7]{8,40})';
const PATTERNS: [RegExp, (m: RegExpExecArray) => RoomName][] = [
	[new RegExp(`^meeting:${ID}:live$`), (m) => ({ kind: 'live', meetingId: m[1]! })],
	[new RegExp(`^meeting:${ID}:minutes$`), (m) => ({ kind: 'minutes', meetingId: m[1]! })],
	[new RegExp(`^document:${ID}:shared$`), (m) => ({ kind: 'shared', documentId: m[1]! })],
	[new RegExp(`^document:${ID}:private:${ID}$`), (m) => ({ kind: 'private', documentId: m[1]!, userId: m[2]! })]
];

export function parseRoomName(raw: string): RoomName | null {
	if (raw.length > 120) return null;
	for (const [pattern, build] of PATTERNS) {
		const match = pattern.exec(raw);
		if (match) return build(match);
	}
	return null;
}

export function roomNameToString(room: RoomName): string {
	switch (room.kind) {
		case 'live':
			return `meeting:${room.meetingId}:live`;
		case 'minutes':
			return `meeting:${room.meetingId}:minutes`;
		case 'shared':
			return `document:${room.documentId}:shared`;
		case 'private':
			return `document:${room.documentId}:private:${room.userId}`;
	}
}

export const liveRoom = (meetingId: string) => roomNameToString({ kind: 'live', meetingId });
export const sharedAnnotationsRoom = (documentId: string) => roomNameToString({ kind: 'shared', documentId });
export const privateAnnotationsRoom = (documentId: string, userId: string) => roomNameToString({ kind: 'private', documentId, userId });
export const minutesRoom = (meetingId: string) => roomNameToString({ kind: 'minutes', meetingId });
