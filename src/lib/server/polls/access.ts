import { and, eq } from 'drizzle-orm';
import { canInPoll, type Actor, type PollAction } from '../auth/policy';
import type { Queryable } from '../db/client';
import { documents, pollDocuments, pollMembers, polls, type DocumentRow, type PollRow } from '../db/schema';
import { forbidden, notFound } from '../errors';

export function isPollMember(db: Queryable, pollId: string, userId: string): boolean {
	return db.select({ one: pollMembers.userId }).from(pollMembers).where(and(eq(pollMembers.pollId, pollId), eq(pollMembers.userId, userId))).get() !== undefined;
}

/**
 * Loads a poll for an actor who wants to do `action` with it. Someone who may not even see it gets the 404 of a
 * poll that does not exist (OWASP: do not reveal the existence of objects by id); someone who sees it but may not
 * do the action gets 403.
 */
export function requirePoll(db: Queryable, actor: Actor, pollId: string, action: PollAction = 'view'): { poll: PollRow; isMember: boolean } {
	const poll = db.select().from(polls).where(eq(polls.id, pollId)).get();
	if (!poll) throw notFound('poll');
	const isMember = isPollMember(db, pollId, actor.id);
	if (!canInPoll(actor, isMember, 'view')) throw notFound('poll');
	if (!canInPoll(actor, isMember, action)) throw forbidden(`not allowed to ${action} this poll`);
	return { poll, isMember };
}

/**
 * A document attached to a poll, for a reader of the poll: a member need not be a participant of the meeting the
 * paper belongs to, so access is the poll's, and only for the papers the poll names (anything else is the 404).
 */
export function requirePollDocument(db: Queryable, actor: Actor, pollId: string, documentId: string): DocumentRow {
	requirePoll(db, actor, pollId, 'view');
	const doc = db
		.select({ doc: documents })
		.from(pollDocuments)
		.innerJoin(documents, eq(documents.id, pollDocuments.documentId))
		.where(and(eq(pollDocuments.pollId, pollId), eq(pollDocuments.documentId, documentId)))
		.get()?.doc;
	if (!doc) throw notFound('document');
	return doc;
}
