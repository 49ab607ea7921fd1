import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { getCollabHub } from '../collab/hub';
import { noEvents, type ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { agendaItems, documents, meetings, userGroups, users } from '../db/schema';
import { updateDocument } from '../documents/briefing';
import { uploadDocument, uploadLimits } from '../documents/service';
import { UploadBody } from '../documents/upload';
import { createGroup, setGroupMembers } from '../groups/service';
import { DEMO_MEETING } from './data';
import { renderOfficialDocument } from './official-pdf';
import { DEMO_GROUP, UPCOMING_PAPERS } from './upcoming-data';

const SEED_UPLOAD_URL = 'http://seed.invalid/upload';

function actor(db: Db, username: string): Actor {
	const row = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.username, username)).get();
	if (!row) throw new Error(`demo user ${username} is missing`);
	return row;
}

const ctxOf = (db: Db, username: string): ServiceCtx => ({ actor: actor(db, username), ip: null, events: noEvents, rooms: getCollabHub(() => db) });

/**
 * The upcoming meeting's papers, through the upload service as the secretariat's browser would send them (page
 * text, confidential mark and all). Idempotent: a paper already under its item (same file name) is left alone,
 * so a second run, or one after the secretariat renamed or reordered, changes nothing.
 */
export async function seedUpcomingDocuments(db: Db, now = new Date()): Promise<number> {
	const meeting = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.title, DEMO_MEETING.title)).get();
	if (!meeting) return 0;
	const secretary = ctxOf(db, 'secretary');
	let added = 0;
	for (const paper of UPCOMING_PAPERS) {
		const item = db
			.select({ id: agendaItems.id })
			.from(agendaItems)
			.where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.title, paper.item)))
			.get();
		if (!item) continue;
		const there = db
			.select({ id: documents.id })
			.from(documents)
			.where(and(eq(documents.agendaItemId, item.id), eq(documents.filename, paper.document.filename)))
			.get();
		if (there) continue;
		const bytes = await renderOfficialDocument(paper.document, now);
		const form = new FormData();
		form.set('confidential', paper.confidential ? 'true' : 'false');
		// Copied onto a plain ArrayBuffer: File's type refuses a Uint8Array that may view a SharedArrayBuffer.
		form.set('file', new File([new Uint8Array(bytes)], paper.document.filename, { type: 'application/pdf' }));
		const request = new Request(SEED_UPLOAD_URL, { method: 'POST', body: form });
		const doc = await uploadDocument(db, secretary, meeting.id, item.id, request, new UploadBody(request, uploadLimits()));
		if (doc.confidential !== paper.confidential) updateDocument(db, secretary, doc.id, { confidential: paper.confidential });
		added++;
	}
	return added;
}

/** "Thành viên UBND tỉnh", made by the administrator as on /admin/groups; left alone once it exists. */
export function seedDemoGroup(db: Db): boolean {
	if (db.select({ id: userGroups.id }).from(userGroups).where(eq(userGroups.name, DEMO_GROUP.name)).get()) return false;
	const admin = ctxOf(db, 'admin');
	const group = createGroup(db, admin, {
		name: DEMO_GROUP.name,
		description: DEMO_GROUP.description,
		defaultRole: DEMO_GROUP.defaultRole,
		defaultCanVote: DEMO_GROUP.defaultCanVote
	});
	const members = db.select({ id: users.id }).from(users).where(inArray(users.username, DEMO_GROUP.members)).all();
	setGroupMembers(db, admin, group.id, { userIds: members.map((u) => u.id) });
	return true;
}
