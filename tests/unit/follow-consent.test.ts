import { describe, expect, it } from 'vitest';
import { choiceAfterPresenterChange, decideFollow, type FollowSituation } from '$lib/collab/follow-consent';

const chair = { id: 'u-chair', displayName: 'Trần Văn Minh' };
const me = 'u-delegate';
const presenting = (documentId: string, page = 5) => ({ documentId, page, by: chair });

describe('following the presenter with consent', () => {
	const cases: [string, FollowSituation, ReturnType<typeof decideFollow>][] = [
		['nobody presents', { presenter: null, meId: me, hereDocumentId: 'a', choice: null }, 'none'],
		['I present: my pages drive it', { presenter: { ...presenting('a'), by: { id: me, displayName: 'Tôi' } }, meId: me, hereDocumentId: 'b', choice: null }, 'none'],
		['another document, no answer yet', { presenter: presenting('b'), meId: me, hereDocumentId: 'a', choice: null }, 'ask'],
		['elsewhere in the meeting, no answer yet', { presenter: presenting('b'), meId: me, hereDocumentId: null, choice: null }, 'ask'],
		['the same document, no answer yet', { presenter: presenting('a'), meId: me, hereDocumentId: 'a', choice: null }, 'ask'],
		['the same document, chose to follow', { presenter: presenting('a', 9), meId: me, hereDocumentId: 'a', choice: { documentId: 'a', follow: true } }, 'follow'],
		['said not now: page turns do not ask again', { presenter: presenting('b', 6), meId: me, hereDocumentId: 'a', choice: { documentId: 'b', follow: false } }, 'stay'],
		['left following by hand on the same document', { presenter: presenting('a'), meId: me, hereDocumentId: 'a', choice: { documentId: 'a', follow: false } }, 'stay'],
		['the presented document changed since "not now"', { presenter: presenting('c'), meId: me, hereDocumentId: 'a', choice: { documentId: 'b', follow: false } }, 'ask'],
		['the presented document changed while following', { presenter: presenting('c'), meId: me, hereDocumentId: 'a', choice: { documentId: 'a', follow: true } }, 'ask'],
		['followed, then opened another document by hand', { presenter: presenting('b'), meId: me, hereDocumentId: 'a', choice: { documentId: 'b', follow: true } }, 'ask']
	];
	it.each(cases)('%s', (_name, situation, expected) => {
		expect(decideFollow(situation)).toBe(expected);
	});

	it('forgets the answer when the presentation ends, and only then', () => {
		const choice = { documentId: 'b', follow: false };
		expect(choiceAfterPresenterChange(choice, { documentId: 'b' }, null)).toBeNull();
		expect(choiceAfterPresenterChange(choice, { documentId: 'b' }, { documentId: 'b' })).toBe(choice);
		expect(choiceAfterPresenterChange(choice, { documentId: 'b' }, { documentId: 'c' })).toBe(choice);
		// A room that has not synced yet reads as "nobody presents": that is not an ending.
		expect(choiceAfterPresenterChange(choice, null, null)).toBe(choice);
	});
});
