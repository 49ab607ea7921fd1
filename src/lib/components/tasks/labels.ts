import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/i18n/format';
import type { TaskStatus } from '$lib/tasks/status';
import type { TaskOwner } from '$lib/tasks/types';

export function taskStatusLabel(status: TaskStatus): string {
	switch (status) {
		case 'assigned':
			return m.tasks_status_assigned();
		case 'in_progress':
			return m.tasks_status_in_progress();
		case 'done':
			return m.tasks_status_done();
	}
}

/** The button that moves a task from `from` to `to`: going back reads differently from going forward. */
export function moveLabel(from: TaskStatus, to: TaskStatus): string {
	if (to === 'done') return m.tasks_move_done();
	if (to === 'assigned') return m.tasks_move_assigned();
	return from === 'done' ? m.tasks_move_reopen() : m.tasks_move_in_progress();
}

export function ownerLabel(owner: TaskOwner): string {
	return owner.kind === 'department' ? m.tasks_owner_department({ name: owner.name }) : owner.name;
}

/** A deadline is a day in the province: shown as that day, whatever the tablet's zone. */
export function formatDeadline(day: string): string {
	return formatDate(`${day}T12:00:00+07:00`);
}
