import type { MotionResultLive } from '$lib/collab/live-state';

/** A closed vote of this meeting as the console lists it. */
export interface ConsoleResult {
	id: string;
	agendaItemId: string;
	title: string;
	options: string[];
	majority: MotionResultLive['majority'];
	maxChoices: number;
	result: MotionResultLive;
}
