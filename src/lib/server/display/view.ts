import { asc, eq } from 'drizzle-orm';
import type { LiveState } from '../../collab/live-state';
import type { Db } from '../db/client';
import { agendaItems, documents, meetings } from '../db/schema';
import { notFound } from '../errors';
import { buildAgendaTree } from '../meetings/agenda';
import { liveSnapshot } from '../live/snapshot';

export interface DisplayData {
	meeting: { id: string; title: string; body: string };
	/** In reading order ("3", "3.1"): the display names the current item by number and title. */
	agenda: { id: string; number: string; title: string; presenter: string }[];
	/** Titles and page counts, so the presenter's document is named on screen. */
	documents: { id: string; title: string; pages: number; confidential: boolean }[];
	live: LiveState;
}

/**
 * What the hall display shows, and only that: the caller has decided who is looking (display/access.ts). The
 * display is a public screen in the hall, so nothing here is more than the room can read off the wall.
 */
export function displayData(db: Db, meetingId: string): DisplayData {
	const meeting = db.select({ id: meetings.id, title: meetings.title, body: meetings.body }).from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) throw notFound('meeting');
	const rows = db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all();
	const agenda = buildAgendaTree(rows).flatMap((n) => [n, ...n.children]).map(({ id, number, title, presenter }) => ({ id, number, title, presenter }));
	const docs = db.select({ id: documents.id, title: documents.title, pages: documents.pages, confidential: documents.confidential }).from(documents).where(eq(documents.meetingId, meetingId)).all();
	return { meeting, agenda, documents: docs, live: liveSnapshot(db, meetingId) };
}
