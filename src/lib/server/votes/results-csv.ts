import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import type { Db } from '../db/client';
import { agendaItems } from '../db/schema';
import { AppError } from '../errors';
import { requireMotion } from './access';
import { settleExpired } from './closing';
import { noEvents, type MeetingEvents } from '../context';
import { ranking } from './rules';
import { isMajorityAlias, ruleCode, type StoredMajority } from '../../votes/majority';

/** Column names are stable (scripts read them); values carry the motion's own words, Vietnamese included. */
export const RESULT_COLUMNS = [
	'motion_id',
	'motion',
	'agenda_item',
	'ballot',
	'majority',
	'option',
	'votes',
	'rank',
	'passed',
	'majority_met',
	'quorum_met',
	'quorum',
	'present',
	'eligible',
	'voted',
	'members',
	'closed_at',
	// Since migration 0009 (empty for results stored before it): the base and its number, and the stored reason.
	'base',
	'base_count',
	'tie_break_by_chair',
	'reason_vi',
	'reason_en'
] as const;

type Cell = string | number | boolean | null;

/** A legacy result keeps its alias as stored; a rule object becomes its short code. */
function majorityCell(majority: StoredMajority | null): string | null {
	if (majority === null || isMajorityAlias(majority)) return majority;
	return ruleCode(majority);
}

/**
 * Text defused for spreadsheets (OWASP "CSV Injection"): text starting with = + - @ (or a tab or CR) would run as a
 * formula in Excel, so it gets a leading apostrophe. The CSV and the XLSX exports both pass every text through it.
 */
export function spreadsheetText(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One field as RFC 4180 wants it, and defused for spreadsheets (`spreadsheetText`). Our own numbers and booleans
 * are never text.
 */
export function csvCell(value: Cell): string {
	if (value === null) return '';
	if (typeof value !== 'string') return String(value);
	const text = spreadsheetText(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: readonly Cell[]) => cells.map(csvCell).join(',');

/**
 * The result of a closed motion, one row per option with the motion's figures repeated, so it sorts and filters
 * as one table. UTF-8 with a byte-order mark: without it Excel reads the file as the local code page and
 * Vietnamese titles come out garbled. CRLF line ends, as RFC 4180 and Excel expect.
 */
export function motionResultsCsv(db: Db, actor: Actor, motionId: string, events: MeetingEvents = noEvents): { filename: string; body: string } {
	const access = requireMotion(db, actor, motionId, 'view');
	const motion = settleExpired(db, events, access.motion);
	const result = motion.result;
	if (motion.state !== 'closed' || !result) throw new AppError('motion_not_closed', 'the vote has no result yet');
	const item = db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.id, motion.agendaItemId)).get();
	const ranks = new Map((result.ranking ?? ranking(motion.options, result.counts)).map((r) => [r.option, r.rank]));
	const lines = [csvRow(RESULT_COLUMNS)];
	for (const option of motion.options) {
		lines.push(
			csvRow([
				motion.id,
				motion.title,
				item?.title ?? '',
				motion.ballot,
				majorityCell(result.majority),
				option,
				result.counts[option] ?? 0,
				ranks.get(option) ?? null,
				result.passed,
				result.majorityMet,
				result.quorumMet,
				result.quorum,
				result.presentCount,
				result.eligibleCount,
				result.votedCount,
				result.memberCount,
				motion.closedAt?.toISOString() ?? null,
				result.base?.of ?? null,
				result.base?.count ?? null,
				result.tieBreak ? result.tieBreak.applied : null,
				result.reason?.vi ?? null,
				result.reason?.en ?? null
			])
		);
	}
	return { filename: `motion-${motion.id}-results.csv`, body: '\uFEFF' + lines.join('\r\n') + '\r\n' };
}
