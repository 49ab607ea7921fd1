import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/client';
import { agendaItems, meetingParticipants, meetings, users } from '../db/schema';
import { newId } from '../ids';
import { seedArchivedMeeting, type ArchivedMeetingOutcome } from './archived-meeting';
import { seedDemoCertificates } from './certificates';
import { DEMO_MEETING, DEMO_USERS } from './data';
import { seedDemoDepartments } from './departments';
import { seedDemoGroup, seedUpcomingDocuments } from './upcoming-documents';

const DAY = 24 * 60 * 60 * 1000;

/** 08:00 in Vietnam (UTC+7, no daylight saving), `days` from now. */
function morningInDays(days: number, now: Date): Date {
	const d = new Date(now.getTime() + days * DAY);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8 - 7, 0, 0));
}

export interface DemoSeedResult {
	createdUsers: number;
	createdMeeting: boolean;
	archivedMeeting: ArchivedMeetingOutcome;
}

/**
 * Seeds the demo people, the upcoming meeting and the archived past meeting. Idempotent: existing users
 * (matched by username) and meetings (matched by title) are left as they are, so running it twice changes
 * nothing; a past meeting left half-built by an interrupted run is finished (see archived-meeting.ts).
 */
export async function seedDemo(db: Db, password: string, now = new Date()): Promise<DemoSeedResult> {
	const upcoming = await seedUpcoming(db, password, now);
	// Through the services, each committing on its own: after the people and the meeting exist.
	await seedUpcomingDocuments(db, now);
	seedDemoGroup(db);
	seedDemoDepartments(db);
	// Before the past meeting's minutes are signed: its PDF signatures are made with these certificates.
	seedDemoCertificates(db, now);
	// After the people exist, and outside their transaction: the past meeting goes through the services, each of
	// which commits on its own.
	const { outcome } = await seedArchivedMeeting(db, password, now);
	return { ...upcoming, archivedMeeting: outcome };
}

async function seedUpcoming(db: Db, password: string, now: Date): Promise<{ createdUsers: number; createdMeeting: boolean }> {
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		let createdUsers = 0;
		const ids = new Map<string, string>();
		for (const u of DEMO_USERS) {
			const existing = tx.select({ id: users.id }).from(users).where(eq(users.username, u.username)).get();
			if (existing) {
				ids.set(u.username, existing.id);
				continue;
			}
			const id = newId();
			tx.insert(users).values({ id, username: u.username, displayName: u.displayName, role: u.role, passwordHash, updatedAt: now }).run();
			ids.set(u.username, id);
			createdUsers++;
		}

		const existingMeeting = tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.title, DEMO_MEETING.title)).get();
		if (existingMeeting) {
			if (createdUsers > 0) audit(tx, { actorId: null, action: 'demo.seed', data: { createdUsers, createdMeeting: false } });
			return { createdUsers, createdMeeting: false };
		}

		const startsAt = morningInDays(7, now);
		const meetingId = newId();
		tx.insert(meetings)
			.values({
				id: meetingId,
				title: DEMO_MEETING.title,
				body: DEMO_MEETING.body,
				bodyType: DEMO_MEETING.bodyType,
				description: DEMO_MEETING.description,
				location: DEMO_MEETING.location,
				startsAt,
				endsAt: new Date(startsAt.getTime() + 3.5 * 60 * 60 * 1000),
				status: 'scheduled',
				createdBy: ids.get('secretary')!,
				secretaryId: ids.get('secretary')!,
				updatedAt: now
			})
			.run();
		for (const u of DEMO_USERS) {
			if (!u.meetingRole) continue;
			tx.insert(meetingParticipants)
				.values({ meetingId, userId: ids.get(u.username)!, role: u.meetingRole, canVote: u.meetingRole !== 'observer' })
				.run();
		}
		DEMO_MEETING.agenda.forEach((item, position) => {
			const id = newId();
			tx.insert(agendaItems)
				.values({ id, meetingId, parentId: null, position, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes, updatedAt: now })
				.run();
			item.children.forEach((child, childPosition) => {
				tx.insert(agendaItems)
					.values({ id: newId(), meetingId, parentId: id, position: childPosition, title: child.title, presenter: child.presenter, durationMinutes: child.durationMinutes, updatedAt: now })
					.run();
			});
		});
		audit(tx, { actorId: null, action: 'demo.seed', subjectType: 'meeting', subjectId: meetingId, data: { createdUsers, createdMeeting: true } });
		return { createdUsers, createdMeeting: true };
	});
}
