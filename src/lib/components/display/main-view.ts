import type { ActiveMotionState, MotionResultLive, PresenterState, ShownResultState, VoteLiveState } from '$lib/collab/live-state';

/** A result as the screens show it: the motion's header and its stored result. */
export interface ResultOnScreen {
	motionId: string;
	agendaItemId: string;
	title: string;
	options: string[];
	majority: MotionResultLive['majority'];
	maxChoices: number;
	result: MotionResultLive;
	/** Shown again by the chair, not just closed. */
	again: boolean;
}

/** What the big part of the hall display shows. */
export type MainView =
	| { kind: 'vote'; motion: ActiveMotionState; count: VoteLiveState | null }
	| { kind: 'result'; shown: ResultOnScreen }
	| { kind: 'presenter'; presenter: PresenterState }
	| { kind: 'idle' };

export interface MainViewInput {
	activeMotion: ActiveMotionState | null;
	votes: Record<string, VoteLiveState>;
	shownResult: ShownResultState | null;
	presenter: PresenterState | null;
}

/**
 * An open vote always takes the screen (the hall must see the count). Otherwise the latest of what happened last
 * wins: a vote that just closed, a result the chair shows again, or a page presented, each by the server's time
 * of its write, so nothing needs to be cleared for the next thing to show.
 */
export function mainView({ activeMotion, votes, shownResult, presenter }: MainViewInput): MainView {
	const count = activeMotion ? (votes[activeMotion.id] ?? null) : null;
	if (activeMotion && (count?.state ?? activeMotion.state) === 'open') return { kind: 'vote', motion: activeMotion, count };
	const candidates: { at: number; view: MainView }[] = [];
	if (activeMotion && count?.state === 'closed' && count.result) {
		const { id, agendaItemId, title, options, majority, maxChoices } = activeMotion;
		candidates.push({ at: count.at, view: { kind: 'result', shown: { motionId: id, agendaItemId, title, options, majority, maxChoices, result: count.result, again: false } } });
	}
	if (shownResult) {
		const { motionId, agendaItemId, title, options, majority, maxChoices, result } = shownResult;
		candidates.push({ at: shownResult.at, view: { kind: 'result', shown: { motionId, agendaItemId, title, options, majority, maxChoices, result, again: true } } });
	}
	if (presenter) candidates.push({ at: presenter.at, view: { kind: 'presenter', presenter } });
	if (candidates.length === 0) return { kind: 'idle' };
	return candidates.reduce((a, b) => (b.at >= a.at ? b : a)).view;
}
