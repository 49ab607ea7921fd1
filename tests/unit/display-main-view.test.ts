import { describe, expect, it } from 'vitest';
import type { ActiveMotionState, MotionResultLive, PresenterState, ShownResultState, VoteLiveState } from '$lib/collab/live-state';
import { mainView } from '$lib/components/display/main-view';

const result: MotionResultLive = {
	counts: { yes: 2, no: 1, abstain: 0 },
	passed: true,
	quorumMet: true,
	majorityMet: true,
	majority: 'simple',
	quorum: 2,
	votedCount: 3,
	eligibleCount: 3,
	presentCount: 3,
	memberCount: 3,
	ranking: null
};
const motion = (state: 'open' | 'closed'): ActiveMotionState => ({
	id: 'm1',
	agendaItemId: 'i1',
	title: 'Thông qua',
	text: '',
	ballot: 'secret',
	majority: 'simple',
	options: ['yes', 'no', 'abstain'],
	maxChoices: 1,
	state,
	openedAt: 1,
	closesAt: null
});
const count = (state: 'open' | 'closed', at: number): VoteLiveState => ({
	motionId: 'm1',
	state,
	ballot: 'secret',
	votedCount: 3,
	eligibleCount: 3,
	result: state === 'closed' ? result : null,
	at
});
const shown = (at: number): ShownResultState => ({ motionId: 'm0', agendaItemId: 'i1', title: 'Trước', ballot: 'open', majority: 'simple', options: ['yes', 'no'], maxChoices: 1, result, at });
const presenter = (at: number): PresenterState => ({ documentId: 'd1', page: 2, zoom: null, by: { id: 'u', displayName: 'Chủ tọa' }, at });

describe('mainView', () => {
	it('shows nothing special when nothing happened', () => {
		expect(mainView({ activeMotion: null, votes: {}, shownResult: null, presenter: null }).kind).toBe('idle');
	});
	it('an open vote always takes the screen, whatever came later', () => {
		const view = mainView({ activeMotion: motion('open'), votes: { m1: count('open', 10) }, shownResult: shown(50), presenter: presenter(60) });
		expect(view.kind).toBe('vote');
	});
	it('the live count decides that the vote closed, even before the header is rewritten', () => {
		const view = mainView({ activeMotion: motion('open'), votes: { m1: count('closed', 10) }, shownResult: null, presenter: null });
		expect(view).toMatchObject({ kind: 'result', shown: { motionId: 'm1', again: false } });
	});
	it('otherwise the latest of a closed result, a result shown again and a presented page wins', () => {
		const closed = { activeMotion: motion('closed'), votes: { m1: count('closed', 20) } };
		expect(mainView({ ...closed, shownResult: shown(30), presenter: presenter(10) })).toMatchObject({ kind: 'result', shown: { motionId: 'm0', again: true } });
		expect(mainView({ ...closed, shownResult: shown(5), presenter: presenter(10) })).toMatchObject({ kind: 'result', shown: { motionId: 'm1' } });
		expect(mainView({ ...closed, shownResult: shown(30), presenter: presenter(40) })).toMatchObject({ kind: 'presenter', presenter: { page: 2 } });
	});
});
