import type { MeetingStatus, ParticipantRole } from '$lib/server/db/schema';

/*
 * What the server hands out, as the services return it: pages get these through their load data, the JSON API
 * as JSON (dates then arrive as ISO strings). One definition, read by the browser code and written by the server.
 */

/** A meeting in the list of meetings the actor may see. */
export interface MeetingSummary {
	id: string;
	title: string;
	body: string;
	location: string;
	startsAt: Date;
	endsAt: Date | null;
	status: MeetingStatus;
	/** The viewer's own role in the meeting, if invited. */
	myRole: ParticipantRole | null;
	agendaCount: number;
}

/** A document version as readers see it. */
export interface DocumentView {
	id: string;
	meetingId: string;
	agendaItemId: string;
	seriesId: string;
	version: number;
	/** The newest version of the same series; equals `id` when this is the newest. */
	latestVersionId: string;
	latestVersion: number;
	title: string;
	filename: string;
	sha256: string;
	sizeBytes: number;
	pages: number;
	/** Read on screen only: no download for readers, no offline copy, a watermark with the reader's name. */
	confidential: boolean;
	/** In lists made for one reader: this series has a version the reader has not opened yet. */
	newVersion?: boolean;
	uploadedBy: { id: string; displayName: string };
	createdAt: Date;
}

/** What the meeting page shows of a document version: the uploader by name only. */
export type DocumentEntry = Omit<DocumentView, 'meetingId' | 'sha256' | 'uploadedBy'> & {
	uploadedBy: string;
	/** A later version, once marks were carried to it: pages changed, and marks (shared and the reader's own) left behind. */
	changes?: { pagesChanged: number; uncarried: number };
};
