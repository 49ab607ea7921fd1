import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { DISPLAY_TIME_ZONE } from '$lib/i18n/format';

/** What an invitation says about the meeting. */
export interface CalendarMeeting {
	id: string;
	title: string;
	description: string;
	location: string;
	startsAt: Date;
	endsAt: Date | null;
}

export interface Invitation {
	method: 'REQUEST' | 'CANCEL';
	meeting: CalendarMeeting;
	/** Raised by every update and cancellation (meeting_calendar); calendars keep the highest they have seen. */
	sequence: number;
	organizer: { name: string; address: string };
	attendee: { name: string; address: string };
	/** The meeting's page at the public address, when ORIGIN is set. */
	url: string | null;
	/** DTSTAMP: when this version of the invitation was made. */
	stamp?: Date;
}

/**
 * One meeting, one UID for good: a calendar matches an update or a cancellation to the event it holds by UID
 * (RFC 5545 §3.8.4.7), so it depends on the meeting's id only, never on the address the server is reached at.
 */
export const meetingUid = (meetingId: string): string => `meeting-${meetingId}@quorum`;

// The zone's VTIMEZONE comes from the IANA database (timezones-ical-library), not from a hand-written block.
function vtimezone(zone: string): string | null {
	const block = tzlib_get_ical_block(zone);
	return Array.isArray(block) && block[0] ? block[0] : null;
}

/** A zoned date: ical-generator writes `DTSTART;TZID=Asia/Ho_Chi_Minh:…` in the zone's wall time only from one. */
const zoned = (at: Date) => DateTime.fromJSDate(at, { zone: DISPLAY_TIME_ZONE });

/**
 * The meeting as an iCalendar object for one attendee (RFC 5546 iTIP): METHOD:REQUEST for an invitation or an
 * update, METHOD:CANCEL (STATUS:CANCELLED) for a cancellation; times in the province's zone with its VTIMEZONE,
 * the stamp in UTC. Pure: the same input gives the same text.
 */
export function invitationIcs(invitation: Invitation): string {
	const { meeting, method } = invitation;
	const calendar = ical({
		prodId: { company: 'Quorum', product: 'Quorum', language: 'VI' },
		method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
		// A nameless calendar zone keeps DTSTAMP in UTC; the generator still writes the VTIMEZONE the event names.
		timezone: { name: '', generator: vtimezone }
	});
	calendar.createEvent({
		id: meetingUid(meeting.id),
		sequence: invitation.sequence,
		stamp: invitation.stamp ?? new Date(),
		start: zoned(meeting.startsAt),
		// Without a planned end the event has none either: a guessed length would be a wrong promise.
		...(meeting.endsAt ? { end: zoned(meeting.endsAt) } : {}),
		timezone: DISPLAY_TIME_ZONE,
		summary: meeting.title,
		description: meeting.description || null,
		location: meeting.location || null,
		url: invitation.url,
		status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: { name: invitation.organizer.name, email: invitation.organizer.address },
		attendees: [
			{
				name: invitation.attendee.name,
				email: invitation.attendee.address,
				role: ICalAttendeeRole.REQ,
				status: ICalAttendeeStatus.NEEDSACTION,
				rsvp: method === 'REQUEST'
			}
		]
	});
	return calendar.toString();
}
