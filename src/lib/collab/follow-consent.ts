import type { PresenterState } from './live-state';

/**
 * Following the presenter with the delegate's consent. A tablet is never taken somewhere its reader did not agree
 * to go: it asks first, and the answer holds for presentations of that document, so "Not now" is not asked again
 * on every page the presenter turns.
 */

/** The reader's answer for one presented document: follow it, or stay where they are. */
export interface FollowChoice {
	documentId: string;
	follow: boolean;
}

/**
 * - `none`: nobody else presents (my own presenting is driven by my pages, never followed);
 * - `ask`: show the prompt ("The chair is presenting page 5 — Follow?");
 * - `follow`: this tablet shows the presented document and keeps its viewer on the presented page;
 * - `stay`: the reader said not now (or left following by hand): show only the "presenting now" indicator.
 */
export type FollowDecision = 'none' | 'ask' | 'follow' | 'stay';

export interface FollowSituation {
	presenter: Pick<PresenterState, 'documentId' | 'page' | 'by'> | null;
	meId: string;
	/** The document this tablet shows, or null elsewhere in the meeting (the meeting page, the vote). */
	hereDocumentId: string | null;
	choice: FollowChoice | null;
}

export function decideFollow({ presenter, meId, hereDocumentId, choice }: FollowSituation): FollowDecision {
	if (!presenter || presenter.by.id === meId) return 'none';
	// An answer given for another presented document says nothing about this one: the presenter changed what
	// everyone looks at, so the reader is asked again.
	const answer = choice?.documentId === presenter.documentId ? choice.follow : null;
	if (answer === false) return 'stay';
	// "Follow" is consent to be on the presented document; reading another one (opened by hand after following)
	// is asked about again, never switched silently.
	if (answer === true && hereDocumentId === presenter.documentId) return 'follow';
	return 'ask';
}

/**
 * What the choice becomes when the live room changes: a presentation that ended forgets the answer given for it,
 * so the next one (even of the same document) is asked about afresh.
 */
export function choiceAfterPresenterChange(
	choice: FollowChoice | null,
	previous: Pick<PresenterState, 'documentId'> | null,
	next: Pick<PresenterState, 'documentId'> | null
): FollowChoice | null {
	if (previous && !next) return null;
	return choice;
}
