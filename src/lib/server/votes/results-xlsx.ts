import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { DISPLAY_TIME_ZONE } from '$lib/i18n/format';
import type { Actor } from '../auth/policy';
import { noEvents, type MeetingEvents } from '../context';
import type { Db } from '../db/client';
import { agendaItems, meetings, openBallots, users } from '../db/schema';
import { AppError } from '../errors';
import { optionLabel } from '../minutes/template';
import { storedRule } from '../../votes/majority';
import { ruleWords } from '../../votes/reason';
import { requireMotion } from './access';
import { settleExpired } from './closing';
import { ranking } from './rules';
import { spreadsheetText } from './results-csv';

export type SheetLocale = 'vi' | 'en';

/**
 * The words of the workbook. Like the minutes' fixed words, they belong to the document (a file handed on in the
 * language it was asked for), not to the interface, so they live here.
 */
const WORDS = {
	vi: {
		resultSheet: 'Kết quả',
		ballotsSheet: 'Phiếu biểu quyết',
		title: 'KẾT QUẢ BIỂU QUYẾT',
		meeting: 'Cuộc họp',
		item: 'Nội dung',
		motion: 'Vấn đề biểu quyết',
		ballot: 'Hình thức',
		ballots: { open: 'Biểu quyết công khai', secret: 'Bỏ phiếu kín' },
		rule: 'Quy tắc',
		election: (n: number) => `Bầu, chọn tối đa ${n}`,
		openedAt: 'Bắt đầu biểu quyết',
		closedAt: 'Kết thúc biểu quyết',
		timeZone: 'Giờ Việt Nam (UTC+7)',
		members: 'Tổng số thành viên có quyền biểu quyết',
		present: 'Có mặt (kể cả ủy quyền)',
		quorum: 'Túc số cần có',
		quorumMet: 'Đạt túc số',
		voted: 'Đã biểu quyết',
		outcome: 'Kết quả',
		passed: 'THÔNG QUA',
		notPassed: 'KHÔNG THÔNG QUA',
		invalid: 'KHÔNG HỢP LỆ (không đủ túc số)',
		ranked: 'Theo thứ tự số phiếu',
		reason: 'Căn cứ',
		yes: 'Có',
		no: 'Không',
		option: 'Phương án',
		votes: 'Số phiếu',
		rank: 'Thứ hạng',
		name: 'Họ và tên',
		choice: 'Lựa chọn',
		castBy: 'Người bấm phiếu',
		byProxy: (holder: string) => `${holder} (ủy quyền)`,
		castAt: 'Thời điểm'
	},
	en: {
		resultSheet: 'Result',
		ballotsSheet: 'Ballots',
		title: 'VOTE RESULT',
		meeting: 'Meeting',
		item: 'Agenda item',
		motion: 'Motion',
		ballot: 'Ballot',
		ballots: { open: 'Open ballot', secret: 'Secret ballot' },
		rule: 'Rule',
		election: (n: number) => `Election, up to ${n} choices`,
		openedAt: 'Vote opened',
		closedAt: 'Vote closed',
		timeZone: 'Vietnam time (UTC+7)',
		members: 'Voting members',
		present: 'Present (including proxies)',
		quorum: 'Quorum required',
		quorumMet: 'Quorum met',
		voted: 'Voted',
		outcome: 'Outcome',
		passed: 'ADOPTED',
		notPassed: 'NOT ADOPTED',
		invalid: 'INVALID (no quorum)',
		ranked: 'Ranked by votes',
		reason: 'Grounds',
		yes: 'Yes',
		no: 'No',
		option: 'Option',
		votes: 'Votes',
		rank: 'Rank',
		name: 'Name',
		choice: 'Choice',
		castBy: 'Cast by',
		byProxy: (holder: string) => `${holder} (proxy)`,
		castAt: 'Time'
	}
} as const;

const DATE_FORMAT = 'dd/mm/yyyy hh:mm:ss';

/**
 * An instant as the province's wall clock, for a spreadsheet cell. Excel has no time zones: a cell holds a wall
 * time, so it is written as the time people in the province read, and the header names the zone.
 */
export function provinceWallClock(at: Date): Date {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: DISPLAY_TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')));
}

/** Text as a cell gets it: defused like the CSV's, since titles and names are whatever people typed. */
const t = (value: string) => spreadsheetText(value);

/**
 * A closed motion's result as an XLSX workbook in one language: a "Result" sheet (the motion, its rule and outcome
 * in words with the stored reason, the figures, one row per option) and, for an open ballot, a "Ballots" sheet of
 * who voted what (proxies named). Same access and the same 409 before close as `results.csv`.
 */
export async function motionResultsXlsx(
	db: Db,
	actor: Actor,
	motionId: string,
	locale: SheetLocale,
	events: MeetingEvents = noEvents
): Promise<{ filename: string; body: Buffer }> {
	const access = requireMotion(db, actor, motionId, 'view');
	const motion = settleExpired(db, events, access.motion);
	const result = motion.result;
	if (motion.state !== 'closed' || !result) throw new AppError('motion_not_closed', 'the vote has no result yet');
	const w = WORDS[locale];
	const item = db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.id, motion.agendaItemId)).get();
	const meeting = db.select({ title: meetings.title, bodyType: meetings.bodyType }).from(meetings).where(eq(meetings.id, motion.meetingId)).get();
	const rule = storedRule(result.majority);
	const ruleText = result.ranking || rule === null ? w.election(motion.maxChoices) : ruleWords(result.bodyType ?? meeting?.bodyType ?? 'other', rule)[locale];
	const outcome = result.passed === null ? w.ranked : !result.quorumMet ? w.invalid : result.passed ? w.passed : w.notPassed;

	const book = new ExcelJS.Workbook();
	book.creator = 'Quorum';
	book.created = motion.closedAt ?? new Date();
	const sheet = book.addWorksheet(w.resultSheet);
	sheet.columns = [{ width: 38 }, { width: 60 }, { width: 14 }];
	sheet.addRow([w.title]).font = { bold: true, size: 14 };
	const facts: [string, string | number | Date][] = [
		[w.meeting, t(meeting?.title ?? '')],
		[w.item, t(item?.title ?? '')],
		[w.motion, t(motion.title)],
		[w.ballot, w.ballots[motion.ballot]],
		[w.rule, ruleText]
	];
	if (motion.openedAt) facts.push([`${w.openedAt} (${w.timeZone})`, provinceWallClock(motion.openedAt)]);
	if (motion.closedAt) facts.push([`${w.closedAt} (${w.timeZone})`, provinceWallClock(motion.closedAt)]);
	facts.push(
		[w.members, result.memberCount],
		[w.present, result.presentCount],
		[w.quorum, result.quorum],
		[w.quorumMet, result.quorumMet ? w.yes : w.no],
		[w.voted, `${result.votedCount}/${result.eligibleCount}`],
		[w.outcome, outcome]
	);
	if (result.reason) facts.push([w.reason, t(result.reason[locale])]);
	for (const [label, value] of facts) {
		const row = sheet.addRow([label, value]);
		row.getCell(1).font = { bold: true };
		if (value instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
		row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
	}
	sheet.addRow([]);
	const header = sheet.addRow([w.option, w.votes, w.rank]);
	header.font = { bold: true };
	const ranks = new Map((result.ranking ?? ranking(motion.options, result.counts)).map((r) => [r.option, r.rank]));
	for (const option of motion.options) sheet.addRow([t(optionLabel(locale, option)), result.counts[option] ?? 0, ranks.get(option) ?? null]);

	if (motion.ballot === 'open') {
		const ballots = book.addWorksheet(w.ballotsSheet);
		ballots.columns = [{ width: 32 }, { width: 30 }, { width: 32 }, { width: 22 }];
		const head = ballots.addRow([w.name, w.choice, w.castBy, `${w.castAt} (${w.timeZone})`]);
		head.font = { bold: true };
		const rows = db
			.select({ voterId: openBallots.voterId, displayName: users.displayName, choices: openBallots.choices, castBy: openBallots.castBy, castAt: openBallots.castAt })
			.from(openBallots)
			.innerJoin(users, eq(users.id, openBallots.voterId))
			.where(eq(openBallots.motionId, motion.id))
			.orderBy(asc(users.displayName), asc(openBallots.voterId))
			.all();
		const holderIds = [...new Set(rows.filter((r) => r.castBy !== r.voterId).map((r) => r.castBy))];
		const holders = new Map(holderIds.map((id) => [id, db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).get()?.n ?? id]));
		for (const r of rows) {
			const castBy = r.castBy === r.voterId ? r.displayName : w.byProxy(holders.get(r.castBy) ?? r.castBy);
			const row = ballots.addRow([t(r.displayName), t(r.choices.map((c) => optionLabel(locale, c)).join(', ')), t(castBy), provinceWallClock(r.castAt)]);
			row.getCell(4).numFmt = DATE_FORMAT;
		}
	}
	const body = Buffer.from(await book.xlsx.writeBuffer());
	return { filename: `motion-${motion.id}-results-${locale}.xlsx`, body };
}
