import type { Inline, MinutesBlock, RecordContent } from '$lib/minutes/blocks';
import { formatDateTime, formatTime } from '$lib/i18n/format';
import type { BodyType } from '../../votes/bodies';
import { storedRule } from '../../votes/majority';
import { ruleWords } from '../../votes/reason';
import type { MeetingFacts, MotionFacts } from './facts';

export type MinutesLocale = 'vi' | 'en';

/**
 * The fixed words of the minutes. They are part of the document (written once into the draft, printed in the
 * archived PDF in the language the draft was started in), not of the interface, so they live here rather than
 * in the interface's message catalogue.
 */
const WORDS = {
	vi: {
		time: 'Thời gian',
		place: 'Địa điểm',
		chair: 'Chủ tọa',
		secretaryNote: 'Thư ký cuộc họp ghi biên bản.',
		attendance: 'Thành phần tham dự',
		rollCall: 'Kết quả điểm danh',
		present: 'Có mặt',
		excused: 'Vắng mặt có lý do',
		reasons: { business_trip: 'đi công tác', illness: 'ốm', other: 'lý do khác' } as Record<string, string>,
		substitute: (name: string) => `${name} dự họp thay`,
		absent: 'Vắng',
		notRecorded: 'Chưa điểm danh',
		observers: 'Khách mời, quan sát viên',
		proxy: (principal: string, holder: string) => `${principal} ủy quyền cho ${holder}`,
		proxies: 'Ủy quyền',
		quorumLine: (present: number, members: number) => `Đại biểu có quyền biểu quyết có mặt (kể cả ủy quyền): ${present}/${members}`,
		agenda: 'Nội dung cuộc họp',
		documents: 'Tài liệu',
		pages: (n: number) => `${n} trang`,
		version: (n: number) => `bản ${n}`,
		presenter: 'Trình bày',
		speakers: 'Ý kiến phát biểu',
		discussion: 'Tóm tắt thảo luận: …',
		motion: (title: string) => `Biểu quyết: ${title}`,
		notYetVoted: 'Chưa biểu quyết.',
		voting: 'Đang biểu quyết.',
		ballot: { open: 'Biểu quyết công khai', secret: 'Bỏ phiếu kín' },
		election: (n: number) => `bầu, chọn tối đa ${n}`,
		options: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' } as Record<string, string>,
		votedOf: (voted: number, eligible: number) => `Số đại biểu đã biểu quyết: ${voted}/${eligible}`,
		quorum: (met: boolean, present: number, required: number) => `Túc số: ${met ? 'đạt' : 'không đạt'} (${present} có mặt, cần ${required})`,
		passed: 'Kết quả: THÔNG QUA',
		notPassed: 'Kết quả: KHÔNG THÔNG QUA',
		invalid: 'Kết quả: KHÔNG HỢP LỆ (không đủ túc số)',
		ranking: (rank: number, option: string, votes: number) => `${rank}. ${option}: ${votes} phiếu`,
		named: (option: string, names: string[]) => `${option}: ${names.length ? names.join(', ') : '—'}`,
		byProxy: 'qua ủy quyền',
		closedAt: (when: string) => `Kết thúc biểu quyết: ${when}`,
		conclusion: 'Kết luận',
		conclusionText: 'Cuộc họp kết thúc lúc …',
		count: (n: number) => `(${n})`
	},
	en: {
		time: 'Time',
		place: 'Place',
		chair: 'Chair',
		secretaryNote: 'Minutes taken by the meeting secretary.',
		attendance: 'Attendance',
		rollCall: 'Roll call',
		present: 'Present',
		excused: 'Excused',
		reasons: { business_trip: 'business trip', illness: 'illness', other: 'other reason' } as Record<string, string>,
		substitute: (name: string) => `${name} attends instead`,
		absent: 'Absent',
		notRecorded: 'Not checked in',
		observers: 'Guests and observers',
		proxy: (principal: string, holder: string) => `${principal} represented by ${holder}`,
		proxies: 'Proxies',
		quorumLine: (present: number, members: number) => `Voting members present (including proxies): ${present}/${members}`,
		agenda: 'Proceedings',
		documents: 'Documents',
		pages: (n: number) => `${n} pages`,
		version: (n: number) => `version ${n}`,
		presenter: 'Presented by',
		speakers: 'Speakers',
		discussion: 'Summary of the discussion: …',
		motion: (title: string) => `Vote: ${title}`,
		notYetVoted: 'Not yet voted.',
		voting: 'Voting in progress.',
		ballot: { open: 'Open ballot', secret: 'Secret ballot' },
		election: (n: number) => `election, up to ${n} choices`,
		options: { yes: 'For', no: 'Against', abstain: 'Abstain' } as Record<string, string>,
		votedOf: (voted: number, eligible: number) => `Voted: ${voted} of ${eligible}`,
		quorum: (met: boolean, present: number, required: number) => `Quorum: ${met ? 'met' : 'not met'} (${present} present, ${required} required)`,
		passed: 'Result: ADOPTED',
		notPassed: 'Result: NOT ADOPTED',
		invalid: 'Result: INVALID (no quorum)',
		ranking: (rank: number, option: string, votes: number) => `${rank}. ${option}: ${votes} votes`,
		named: (option: string, names: string[]) => `${option}: ${names.length ? names.join(', ') : '—'}`,
		byProxy: 'by proxy',
		closedAt: (when: string) => `Vote closed: ${when}`,
		conclusion: 'Conclusion',
		conclusionText: 'The meeting closed at …',
		count: (n: number) => `(${n})`
	}
} as const;

export const roleLabel = (locale: MinutesLocale) => WORDS[locale].chair;

const text = (t: string): Inline[] => (t ? [{ text: t }] : []);
const labelled = (label: string, value: string): Inline[] => [{ text: `${label}: `, bold: true }, { text: value }];

export function optionLabel(locale: MinutesLocale, option: string): string {
	return WORDS[locale].options[option] ?? option;
}

type FactsParticipant = MeetingFacts['participants'][number];

/**
 * "Vũ Thị Mai (đi công tác; Lê Văn Hùng dự họp thay)": an excused member with the reason they gave. For "other" the
 * member's own words stand for the reason; a note beside a named reason follows it.
 */
export function excusedName(p: FactsParticipant, locale: MinutesLocale): string {
	const w = WORDS[locale];
	const a = p.absence;
	if (!a) return p.displayName;
	const reason = a.reason === 'other' ? a.note : a.reason ? `${w.reasons[a.reason]}${a.note ? `: ${a.note}` : ''}` : a.note;
	const parts = [reason, a.substituteName ? w.substitute(a.substituteName) : ''].filter(Boolean);
	return parts.length ? `${p.displayName} (${parts.join('; ')})` : p.displayName;
}

/** The attendance block: kept in step with check-in by the server while the minutes are a draft. */
export function attendanceRecord(facts: MeetingFacts, locale: MinutesLocale): RecordContent {
	const w = WORDS[locale];
	const names = (pred: (p: MeetingFacts['participants'][number]) => boolean) =>
		facts.participants.filter(pred).map((p) => p.displayName);
	const voters = (p: MeetingFacts['participants'][number]) => p.role !== 'observer';
	const groups: [string, string[]][] = [
		[w.present, names((p) => voters(p) && p.attendance === 'present')],
		[w.excused, facts.participants.filter((p) => voters(p) && p.attendance === 'excused').map((p) => excusedName(p, locale))],
		[w.absent, names((p) => voters(p) && p.attendance === 'absent')],
		[w.notRecorded, names((p) => voters(p) && p.attendance === null)],
		[w.observers, names((p) => p.role === 'observer')]
	];
	const lines = groups.filter(([, list]) => list.length > 0).map(([label, list]) => `${label} ${w.count(list.length)}: ${list.join(', ')}`);
	const byId = new Map(facts.participants.map((p) => [p.userId, p.displayName]));
	if (facts.proxies.length > 0) {
		lines.push(`${w.proxies}: ${facts.proxies.map((p) => w.proxy(byId.get(p.principalId) ?? '?', byId.get(p.holderId) ?? '?')).join('; ')}`);
	}
	const members = facts.participants.filter((p) => p.role !== 'observer' && p.canVote);
	const presentIds = new Set(members.filter((p) => p.attendance === 'present').map((p) => p.userId));
	const represented = facts.proxies.filter((p) => !presentIds.has(p.principalId) && presentIds.has(p.holderId)).length;
	lines.push(w.quorumLine(presentIds.size + represented, members.length));
	return { title: w.rollCall, lines };
}

/**
 * How a motion is decided, in words. A closed motion is described by the rule stored with its result (a result from
 * before migration 0009 by what its alias meant then), so the line always matches the figures below it.
 */
function ruleLine(motion: MotionFacts, locale: MinutesLocale, bodyType: BodyType): string {
	const w = WORDS[locale];
	const rule = motion.result ? storedRule(motion.result.majority) : motion.majority;
	if (motion.result?.ranking || rule === null) return w.election(motion.maxChoices);
	return ruleWords(motion.result?.bodyType ?? bodyType, rule)[locale];
}

/** A motion's block: what was put to the vote and, once closed, the stored result and the rule that decided it. */
export function motionRecord(motion: MotionFacts, locale: MinutesLocale, bodyType: BodyType): RecordContent {
	const w = WORDS[locale];
	const title = w.motion(motion.title);
	const how = `${w.ballot[motion.ballot]} · ${ruleLine(motion, locale, bodyType)}`;
	if (motion.state === 'draft') return { title, lines: [how, w.notYetVoted] };
	if (motion.state === 'open' || !motion.result) return { title, lines: [how, w.voting] };
	const r = motion.result;
	const lines = [how];
	if (r.ranking) {
		lines.push(...r.ranking.map((e) => w.ranking(e.rank, optionLabel(locale, e.option), e.votes)));
	} else {
		lines.push(motion.options.map((o) => `${optionLabel(locale, o)}: ${r.counts[o] ?? 0}`).join(' · '));
	}
	lines.push(w.votedOf(r.votedCount, r.eligibleCount));
	lines.push(w.quorum(r.quorumMet, r.presentCount, r.quorum));
	if (motion.ballot === 'open' && motion.ballots.length > 0) {
		for (const option of motion.options) {
			const names = motion.ballots
				.filter((b) => b.choices.includes(option))
				.map((b) => (b.castBy !== b.voterId ? `${b.displayName} (${w.byProxy})` : b.displayName));
			lines.push(w.named(optionLabel(locale, option), names));
		}
	}
	if (r.passed !== null) lines.push(!r.quorumMet ? w.invalid : r.passed ? w.passed : w.notPassed);
	// The stored sentence, word for word: the minutes say what the result says, never a re-derivation of it.
	if (r.passed !== null && r.reason) lines.push(r.reason[locale]);
	if (motion.closedAt) lines.push(w.closedAt(formatDateTime(motion.closedAt, locale)));
	return { title, lines };
}

function recordBlock(kind: 'attendance' | 'motion', ref: string, content: RecordContent): MinutesBlock {
	return { type: 'record', kind, ref, title: content.title, lines: content.lines };
}

/** A motion's block, for a motion created after the draft was started. */
export function motionBlock(motion: MotionFacts, locale: MinutesLocale, bodyType: BodyType): MinutesBlock {
	return recordBlock('motion', motion.id, motionRecord(motion, locale, bodyType));
}

/** The first draft: everything the system knows, with room left for what only people know. */
export function minutesTemplate(facts: MeetingFacts, locale: MinutesLocale): MinutesBlock[] {
	const w = WORDS[locale];
	const m = facts.meeting;
	const chair = facts.participants.find((p) => p.role === 'chair');
	const when = m.endsAt ? `${formatDateTime(m.startsAt, locale)} – ${formatTime(m.endsAt, locale)}` : formatDateTime(m.startsAt, locale);
	// No title heading: the official layout (Decree 30) prints "BIÊN BẢN" and the meeting's name above the body,
	// so a heading of our own would print the title twice.
	const blocks: MinutesBlock[] = [{ type: 'paragraph', content: labelled(w.time, when) }];
	if (m.location) blocks.push({ type: 'paragraph', content: labelled(w.place, m.location) });
	if (chair) blocks.push({ type: 'paragraph', content: labelled(w.chair, chair.displayName) });
	blocks.push({ type: 'paragraph', content: text(w.secretaryNote) });
	blocks.push({ type: 'heading', level: 2, content: text(w.attendance) });
	blocks.push(recordBlock('attendance', m.id, attendanceRecord(facts, locale)));
	blocks.push({ type: 'heading', level: 2, content: text(w.agenda) });

	for (const item of facts.agenda) {
		blocks.push({ type: 'heading', level: item.parentId ? 3 : 2, content: text(`${item.number}. ${item.title}`) });
		if (item.presenter) blocks.push({ type: 'paragraph', content: labelled(w.presenter, item.presenter) });
		if (item.description) blocks.push({ type: 'paragraph', content: text(item.description) });
		const docs = facts.documents.filter((d) => d.agendaItemId === item.id);
		if (docs.length > 0) {
			blocks.push({ type: 'paragraph', content: [{ text: `${w.documents}:`, bold: true }] });
			blocks.push({
				type: 'list',
				ordered: false,
				start: 1,
				items: docs.map((d) => [
					{ type: 'paragraph', content: text(`${d.title} (${d.version > 1 ? `${w.version(d.version)}, ` : ''}${w.pages(d.pages)})`) }
				])
			});
		}
		const turns = facts.speakers.filter((s) => s.agendaItemId === item.id);
		if (turns.length > 0) {
			blocks.push({ type: 'paragraph', content: [{ text: `${w.speakers}:`, bold: true }] });
			blocks.push({ type: 'list', ordered: false, start: 1, items: turns.map((s) => [{ type: 'paragraph', content: text(s.displayName) }]) });
		}
		blocks.push({ type: 'paragraph', content: [{ text: w.discussion, italic: true }] });
		for (const motion of facts.motions.filter((mo) => mo.agendaItemId === item.id)) blocks.push(motionBlock(motion, locale, m.bodyType));
	}
	blocks.push({ type: 'heading', level: 2, content: text(w.conclusion) });
	blocks.push({ type: 'paragraph', content: text(w.conclusionText) });
	return blocks;
}
