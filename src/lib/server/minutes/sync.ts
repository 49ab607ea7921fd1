import { minutesRoom } from '$lib/collab/room-names';
import { MINUTES_FRAGMENT } from '$lib/minutes/blocks';
import type { RoomDocs } from '../context';
import type { Queryable } from '../db/client';
import { readMeetingFacts } from './facts';
import { appendBlocks, findRecordElements, recordKey, setRecordContent } from './fragment';
import { findMinutes } from './state';
import { attendanceRecord, motionBlock, motionRecord, type MinutesLocale } from './template';

/**
 * Brings the record blocks of a draft in step with the database: attendance, and every motion with its result.
 * A block is found wherever people moved it; a motion put to the vote that has no block (created after the draft
 * was started, or its block deleted) gets one at the end, since a result belongs in the minutes. Submitted and approved
 * minutes are never touched: what the chair signs does not change under them.
 */
export function syncMinutesRecords(db: Queryable, rooms: RoomDocs, meetingId: string): void {
	const row = findMinutes(db, meetingId);
	if (!row || row.state !== 'draft') return;
	const locale = row.locale as MinutesLocale;
	const facts = readMeetingFacts(db, meetingId);
	rooms.writeAsServer(minutesRoom(meetingId), (doc) => {
		const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
		const blocks = findRecordElements(fragment);
		const attendance = blocks.get(recordKey('attendance', meetingId));
		if (attendance) setRecordContent(attendance, attendanceRecord(facts, locale));
		const missing = [];
		for (const motion of facts.motions) {
			const el = blocks.get(recordKey('motion', motion.id));
			if (el) setRecordContent(el, motionRecord(motion, locale, facts.meeting.bodyType));
			else if (motion.state !== 'draft') missing.push(motionBlock(motion, locale, facts.meeting.bodyType));
		}
		// Appended at the end rather than guessed into a section: the writers move it where it belongs.
		if (missing.length > 0) appendBlocks(fragment, missing);
	});
}
