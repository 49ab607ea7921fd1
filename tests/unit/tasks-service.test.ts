import { describe, expect, it } from 'vitest';
import { taskAbilities } from '$lib/server/auth/policy';
import { isAppError } from '$lib/server/errors';
import { createMeeting } from '$lib/server/meetings/service';
import { addParticipant } from '$lib/server/meetings/participants';
import { appendParagraph, startMinutes } from '$lib/server/minutes/service';
import { createDepartment } from '$lib/server/tasks/departments';
import { markOverdueNoticed, overdueTasksNeedingNotice } from '$lib/server/tasks/overdue';
import { createTask, listTasks, updateTask } from '$lib/server/tasks/service';
import { buildUser, ctxOf, memoryDb, memoryRooms } from './factories';

const CONCLUSION = 'Giao Sở Tài chính chủ trì rà soát dự toán ngân sách năm 2027, báo cáo trước ngày 15/01/2027.';
const TODAY = new Date('2026-12-03T03:00:00Z');
const dayAfter = (days: number) => new Date(TODAY.getTime() + days * 86_400_000);

function setUp() {
	const db = memoryDb();
	const rooms = memoryRooms();
	const secretary = buildUser(db, { role: 'secretary', displayName: 'Thư ký' });
	const admin = buildUser(db, { role: 'admin' });
	const owner = buildUser(db, { displayName: 'Giám đốc Sở' });
	const delegate = buildUser(db);
	const ctx = ctxOf(secretary, undefined, rooms);
	const meeting = createMeeting(db, ctx, { title: 'Phiên họp thử', startsAt: '2026-12-03T01:00:00Z' });
	addParticipant(db, ctx, meeting.id, { userId: delegate.id, role: 'delegate' });
	startMinutes(db, ctx, meeting.id, { locale: 'vi' });
	appendParagraph(db, ctx, meeting.id, { text: `Kết luận:\n\n${CONCLUSION}` });
	const department = createDepartment(db, ctxOf(admin), { name: 'Sở Tài chính' });
	const give = (owner: { kind: 'user' | 'department'; id: string }, deadline = '2026-12-10') =>
		createTask(db, ctx, { meetingId: meeting.id, conclusion: CONCLUSION, owner, deadline }, TODAY);
	return { db, ctx, rooms, secretary, owner, delegate, meeting, department, give };
}

const codeOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return null;
};

describe('tasks from the minutes', () => {
	it('takes only a line that is in the draft, with a deadline not yet passed', () => {
		const { db, ctx, meeting, owner } = setUp();
		const base = { meetingId: meeting.id, owner: { kind: 'user', id: owner.id } };
		expect(codeOf(() => createTask(db, ctx, { ...base, conclusion: 'Một câu không có trong biên bản.', deadline: '2026-12-10' }, TODAY))).toBe('conclusion_not_in_minutes');
		expect(codeOf(() => createTask(db, ctx, { ...base, conclusion: CONCLUSION, deadline: '2026-12-02' }, TODAY))).toBe('validation_failed');
		expect(codeOf(() => createTask(db, ctx, { ...base, conclusion: CONCLUSION, deadline: '2026-02-30' }, TODAY))).toBe('validation_failed');
		// Whitespace as selected in the editor (a line break, doubled spaces) is the same line.
		const task = createTask(db, ctx, { ...base, conclusion: CONCLUSION.replace(', ', ',\n  '), deadline: '2026-12-03' }, TODAY);
		expect(task).toMatchObject({ conclusion: CONCLUSION, status: 'assigned', overdue: false, owner: { kind: 'user', id: owner.id, name: 'Giám đốc Sở' } });
	});

	it('lets a participant read, not give, and hides tasks from everyone else but their owner', () => {
		const { db, owner, delegate, meeting, give } = setUp();
		const stranger = buildUser(db);
		const task = give({ kind: 'user', id: owner.id });
		expect(codeOf(() => createTask(db, ctxOf(delegate), { meetingId: meeting.id, conclusion: CONCLUSION, owner: { kind: 'user', id: owner.id }, deadline: '2026-12-10' }, TODAY))).toBe(
			'forbidden'
		);
		expect(listTasks(db, delegate, {}).map((t) => t.id)).toEqual([task.id]);
		expect(listTasks(db, owner, { owner: 'me' }).map((t) => t.id)).toEqual([task.id]);
		expect(listTasks(db, stranger, {})).toEqual([]);
		expect(codeOf(() => updateTask(db, ctxOf(stranger), task.id, { status: 'done' }))).toBe('not_found');
		expect(codeOf(() => updateTask(db, ctxOf(delegate), task.id, { status: 'done' }))).toBe('forbidden');
	});
});

describe('overdueTasksNeedingNotice', () => {
	it('lists each overdue, unfinished task once per deadline', () => {
		const { db, ctx, owner, department, give } = setUp();
		const personal = give({ kind: 'user', id: owner.id }, '2026-12-05');
		const departmental = give({ kind: 'department', id: department.id }, '2026-12-04');
		const inTime = give({ kind: 'user', id: owner.id }, '2026-12-20');
		expect(overdueTasksNeedingNotice(db, dayAfter(1))).toEqual([]);

		const due = overdueTasksNeedingNotice(db, dayAfter(3));
		expect(due.map((n) => n.taskId)).toEqual([departmental.id, personal.id]);
		expect(due[0]).toMatchObject({ ownerUserId: null, ownerDepartment: 'Sở Tài chính', daysOverdue: 2, createdBy: ctx.actor.id });
		expect(due[1]).toMatchObject({ ownerUserId: owner.id, ownerDepartment: null, daysOverdue: 1 });

		expect(markOverdueNoticed(db, [departmental.id], dayAfter(3))).toBe(1);
		expect(markOverdueNoticed(db, [departmental.id], dayAfter(3))).toBe(0);
		expect(overdueTasksNeedingNotice(db, dayAfter(3)).map((n) => n.taskId)).toEqual([personal.id]);

		// Done is never overdue; a new deadline is a new chance, noticed again only once it passes too.
		updateTask(db, ctxOf(owner), personal.id, { status: 'done' }, dayAfter(3));
		updateTask(db, ctx, departmental.id, { deadline: '2026-12-08' }, dayAfter(3));
		expect(overdueTasksNeedingNotice(db, dayAfter(3))).toEqual([]);
		expect(overdueTasksNeedingNotice(db, dayAfter(6)).map((n) => n.taskId)).toEqual([departmental.id]);
		expect(overdueTasksNeedingNotice(db, dayAfter(30)).map((n) => n.taskId)).toEqual([departmental.id, inTime.id]);
	});
});

describe('taskAbilities', () => {
	const member = { id: 'u1', role: 'member' as const };
	it.each([
		['secretariat, not invited', { id: 's', role: 'secretary' as const }, null, false, { view: true, manage: true, report: true }],
		['chair of the meeting', member, { role: 'chair' as const, canVote: true }, false, { view: true, manage: true, report: true }],
		['delegate of the meeting', member, { role: 'delegate' as const, canVote: true }, false, { view: true, manage: false, report: false }],
		['owner, not invited', member, null, true, { view: true, manage: false, report: true }],
		['observer who owns it', member, { role: 'observer' as const, canVote: false }, true, { view: true, manage: false, report: true }],
		['anyone else', member, null, false, { view: false, manage: false, report: false }]
	])('%s', (_who, actor, participation, isOwner, expected) => expect(taskAbilities(actor, participation, isOwner)).toEqual(expected));
});
