import type { Inline, MinutesBlock, MinutesPdfInput } from '$lib/minutes/blocks';
import { ruleWords } from '$lib/votes/reason';
import type { PollResult } from '$lib/polls/result';
import type { PollChoice } from '../db/schema';

/**
 * The poll's summary, "TỔNG HỢP Ý KIẾN THÀNH VIÊN", as the blocks of an administrative document drawn by the
 * minutes' PDF code (src/lib/server/minutes/pdf.ts, Decree 30/2020/NĐ-CP): general facts, the result with its
 * rule and the stored sentence, then every answer with its comment (named on an open poll; on a secret poll the
 * comments without names, and apart from them who answered). In Vietnamese: it is a document of the body.
 */

export interface PollSummaryFacts {
	title: string;
	text: string;
	body: string;
	ballot: 'open' | 'secret';
	deadline: Date;
	closedAt: Date;
	closeReason: 'deadline' | 'all_answered' | 'manual';
	createdByName: string;
	members: { userId: string; displayName: string }[];
	documents: { title: string }[];
	result: PollResult;
	/** Open poll: who answered what. */
	named: { userId: string; displayName: string; choice: PollChoice; comment: string; final: boolean }[] | null;
	/** Secret poll: the answers without names, and the ids of those who answered. */
	anonymous: { choice: PollChoice; comment: string }[] | null;
	answeredIds: string[];
}

export const CHOICE_VI: Record<PollChoice, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };
const REASON_VI = { deadline: 'hết thời hạn lấy ý kiến', all_answered: 'tất cả thành viên đã trả lời', manual: 'kết thúc theo quyết định của người tổ chức' };

/** "17:00 ngày 05/12/2026", in the province's time zone: the way an administrative text writes a moment. */
export function vietnamMoment(at: Date): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
	return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}

const p = (...content: Inline[]): MinutesBlock => ({ type: 'paragraph', content });
const h = (text: string): MinutesBlock => ({ type: 'heading', level: 2, content: [{ text }] });
const list = (lines: Inline[][]): MinutesBlock => ({ type: 'list', ordered: false, start: 1, items: lines.map((content) => [{ type: 'paragraph', content }]) });
const fact = (label: string, value: string): Inline[] => [{ text: `${label}: `, bold: true }, { text: value }];

export function pollSummaryBlocks(f: PollSummaryFacts): MinutesBlock[] {
	const r = f.result;
	const silent = f.members.filter((m) => !f.answeredIds.includes(m.userId));
	const blocks: MinutesBlock[] = [
		p({ text: 'Vấn đề lấy ý kiến: ', bold: true }, { text: f.title }),
		...f.text
			.split(/\n{2,}/)
			.map((t) => t.trim())
			.filter(Boolean)
			.map((t) => p({ text: t })),
		h('I. THÔNG TIN CHUNG'),
		list([
			fact('Hình thức', f.ballot === 'secret' ? 'lấy ý kiến kín (không ghi tên người trả lời bên cạnh ý kiến)' : 'lấy ý kiến công khai'),
			fact('Thời hạn trả lời', vietnamMoment(f.deadline)),
			fact('Kết thúc lúc', `${vietnamMoment(f.closedAt)} (${REASON_VI[f.closeReason]})`),
			fact('Quy tắc thông qua', ruleWords(r.bodyType, r.majority).vi),
			fact('Số thành viên được lấy ý kiến', String(r.memberCount)),
			fact('Số thành viên đã trả lời', String(r.answeredCount)),
			...(f.documents.length > 0 ? [fact('Tài liệu kèm theo', f.documents.map((d) => d.title).join('; '))] : [])
		]),
		h('II. KẾT QUẢ'),
		list([
			fact(CHOICE_VI.agree, String(r.counts.agree)),
			fact(CHOICE_VI.disagree, String(r.counts.disagree)),
			fact(CHOICE_VI.other, String(r.counts.other)),
			fact('Không trả lời', String(r.memberCount - r.answeredCount))
		]),
		p({ text: 'Kết luận: ', bold: true }, { text: r.passed ? 'Nội dung được thông qua.' : 'Nội dung không được thông qua.', bold: true }),
		p({ text: r.reason.vi, italic: true }),
		h('III. Ý KIẾN CỦA THÀNH VIÊN')
	];
	if (f.named) {
		blocks.push(
			f.named.length > 0
				? list(f.named.map((a) => [{ text: `${a.displayName}: `, bold: true }, { text: CHOICE_VI[a.choice] }, ...(a.comment ? [{ text: ` — ${a.comment}` }] : [])]))
				: p({ text: 'Không có ý kiến nào.' })
		);
	} else if (f.anonymous) {
		const comments = f.anonymous.filter((a) => a.comment);
		blocks.push(
			p({ text: 'Ý kiến kèm theo (không ghi tên):', bold: true }),
			comments.length > 0 ? list(comments.map((a) => [{ text: `${CHOICE_VI[a.choice]}: `, bold: true }, { text: a.comment }])) : p({ text: 'Không có.' }),
			p(...fact('Thành viên đã trả lời', f.members.filter((m) => f.answeredIds.includes(m.userId)).map((m) => m.displayName).join(', ') || 'không có'))
		);
	}
	blocks.push(p(...fact('Thành viên không trả lời', silent.map((m) => m.displayName).join(', ') || 'không có')));
	return blocks;
}

/** The PDF input: the minutes' format with this document's type line and one signature block, the organiser's. */
export function pollSummaryPdfInput(f: PollSummaryFacts, official: NonNullable<MinutesPdfInput['official']>): MinutesPdfInput {
	return {
		locale: 'vi',
		// The issuing body in capitals, top left (Decree 30/2020/NĐ-CP).
		body: f.body.toLocaleUpperCase('vi'),
		title: f.title,
		subtitle: `Hạn trả lời: ${vietnamMoment(f.deadline)}`,
		blocks: pollSummaryBlocks(f),
		signers: { secretary: f.createdByName, chair: '' },
		official,
		variant: { documentType: 'TỔNG HỢP Ý KIẾN THÀNH VIÊN', signatureTitles: { left: 'NGƯỜI TỔNG HỢP', right: '' } }
	};
}

/** The text search indexes for an archived poll: its text and every comment. */
export function pollSearchText(f: PollSummaryFacts): string {
	const comments = (f.named ?? f.anonymous ?? []).map((a) => a.comment).filter(Boolean);
	return [f.text, ...comments].join('\n\n');
}
