import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MINUTES_FRAGMENT, type MinutesBlock } from '$lib/minutes/blocks';
import { RecordBlock } from '$lib/minutes/editor/record-block';
import type { MeetingFacts, MotionFacts } from '$lib/server/minutes/facts';
import { appendBlocks, findRecordElements, readBlocks, recordKey, setRecordContent } from '$lib/server/minutes/fragment';
import { blocksToHtml, blocksToText, minutesContentHash } from '$lib/server/minutes/render';
import { attendanceRecord, minutesTemplate, motionRecord } from '$lib/server/minutes/template';

const closed = (over: Partial<MotionFacts> = {}): MotionFacts => ({
	id: 'motion1',
	agendaItemId: 'item1',
	title: 'Thông qua Nghị quyết về cải cách hành chính',
	text: '',
	ballot: 'open',
	majority: { threshold: 'more_than_half', of: 'yes_no' },
	options: ['yes', 'no', 'abstain'],
	maxChoices: 1,
	state: 'closed',
	openedAt: new Date('2026-11-27T02:00:00Z'),
	closedAt: new Date('2026-11-27T02:05:00Z'),
	result: {
		counts: { yes: 3, no: 1, abstain: 1 },
		passed: true,
		quorumMet: true,
		majorityMet: true,
		// A result stored before migration 0009: the legacy alias, no base or reason. It must still render.
		majority: 'simple',
		quorum: 3,
		votedCount: 5,
		eligibleCount: 5,
		presentCount: 5,
		memberCount: 6,
		ranking: null
	},
	ballots: [
		{ voterId: 'u1', displayName: 'Trần Văn Minh', choices: ['yes'], castBy: 'u1' },
		{ voterId: 'u2', displayName: 'Lê Thị Hồng', choices: ['no'], castBy: 'u3' }
	],
	...over
});

const facts: MeetingFacts = {
	meeting: { id: 'meeting1', title: 'Kỳ họp thứ 12 Hội đồng nhân dân tỉnh', body: 'Hội đồng nhân dân tỉnh', bodyType: 'people_council', location: 'Hội trường A', startsAt: new Date('2026-11-27T01:00:00Z'), endsAt: null },
	participants: [
		{ userId: 'u1', displayName: 'Trần Văn Minh', role: 'chair', canVote: true, attendance: 'present' },
		{ userId: 'u2', displayName: 'Lê Thị Hồng', role: 'delegate', canVote: true, attendance: 'absent' },
		{ userId: 'u3', displayName: 'Phạm Quốc Bảo', role: 'delegate', canVote: true, attendance: 'present' },
		{ userId: 'u4', displayName: 'Vũ Thị Mai', role: 'delegate', canVote: true, attendance: 'excused', absence: { reason: 'business_trip', note: '', substituteName: null } },
		{ userId: 'u5', displayName: 'Bùi Thị Lan', role: 'observer', canVote: false, attendance: null }
	],
	proxies: [{ principalId: 'u2', holderId: 'u3' }],
	agenda: [
		{ id: 'item1', parentId: null, number: '1', title: 'Dự thảo Nghị quyết', description: 'Tờ trình của Sở Nội vụ', presenter: 'Sở Nội vụ' },
		{ id: 'item2', parentId: 'item1', number: '1.1', title: 'Thảo luận', description: '', presenter: '' }
	],
	documents: [{ id: 'd1', agendaItemId: 'item1', seriesId: 'd1', version: 2, title: 'Tờ trình số 12', filename: 'to-trinh.pdf', sha256: 'a'.repeat(64), pages: 5, sizeBytes: 1000 }],
	speakers: [{ agendaItemId: 'item1', userId: 'u3', displayName: 'Phạm Quốc Bảo', startedAt: new Date() }],
	motions: [closed()]
};

// The editor's schema, exactly as the browser builds it: what the server writes must be a valid document there,
// or the Yjs binding deletes it on the first tablet that opens the minutes.
const schema = getSchema([StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3] } }), RecordBlock]);

function roomWith(blocks: MinutesBlock[]): Y.XmlFragment {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
	appendBlocks(fragment, blocks);
	return fragment;
}

describe('the minutes template', () => {
	const template = minutesTemplate(facts, 'vi');

	it('starts from the record: time, place, chair, attendance, agenda with documents, speakers and results', () => {
		const text = blocksToText(template);
		// The official layout prints the title; the body must not repeat it.
		expect(template[0]).toMatchObject({ type: 'paragraph' });
		expect(text).not.toContain('Kỳ họp thứ 12 Hội đồng nhân dân tỉnh');
		for (const expected of [
			'Địa điểm: Hội trường A',
			'Chủ tọa: Trần Văn Minh',
			'Có mặt (2): Trần Văn Minh, Phạm Quốc Bảo',
			'Vắng mặt có lý do (1): Vũ Thị Mai (đi công tác)',
			'Lê Thị Hồng ủy quyền cho Phạm Quốc Bảo',
			'1. Dự thảo Nghị quyết',
			'1.1. Thảo luận',
			'Tờ trình số 12 (bản 2, 5 trang)',
			'Biểu quyết: Thông qua Nghị quyết về cải cách hành chính',
			'Kết quả: THÔNG QUA'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('round-trips through the room unchanged', () => {
		expect(readBlocks(roomWith(template))).toEqual(template);
	});

	it('is a valid document of the editor schema, and what the editor writes back reads the same', () => {
		const fragment = roomWith(template);
		const node = yXmlFragmentToProseMirrorRootNode(fragment, schema);
		expect(() => node.check()).not.toThrow();
		const kinds: string[] = [];
		node.descendants((n) => {
			if (n.type.name === 'recordBlock') kinds.push(n.attrs.kind as string);
		});
		expect(kinds).toEqual(['attendance', 'motion']);
		// The editor rewrites the whole document (as a tablet would after the first keystroke): same blocks.
		const rewritten = new Y.Doc().getXmlFragment(MINUTES_FRAGMENT);
		prosemirrorToYXmlFragment(node, rewritten);
		expect(readBlocks(rewritten)).toEqual(template);
	});

	it('keeps marks and hard breaks the editor wrote', () => {
		const blocks: MinutesBlock[] = [
			{ type: 'paragraph', content: [{ text: 'Đậm', bold: true }, { text: ' và ' }, { text: 'nghiêng', italic: true, underline: true }, { text: '\n' }, { text: 'dòng mới' }] },
			{ type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', content: [{ text: 'một' }] }, { type: 'list', ordered: false, start: 1, items: [[{ type: 'paragraph', content: [{ text: 'hai' }] }]] }]] },
			{ type: 'quote', blocks: [{ type: 'paragraph', content: [{ text: 'trích' }] }] },
			{ type: 'rule' }
		];
		const fragment = roomWith(blocks);
		expect(readBlocks(fragment)).toEqual(blocks);
		expect(() => yXmlFragmentToProseMirrorRootNode(fragment, schema).check()).not.toThrow();
	});
});

describe('record blocks', () => {
	it('are found wherever they are and rewritten only when their content changed', () => {
		const fragment = roomWith(minutesTemplate(facts, 'en'));
		const found = findRecordElements(fragment);
		expect([...found.keys()].sort()).toEqual([recordKey('attendance', 'meeting1'), recordKey('motion', 'motion1')]);
		const el = found.get(recordKey('attendance', 'meeting1'))!;
		expect(setRecordContent(el, attendanceRecord(facts, 'en'))).toBe(false);
		const later = { ...facts, participants: facts.participants.map((p) => (p.userId === 'u2' ? { ...p, attendance: 'present' as const } : p)) };
		expect(setRecordContent(el, attendanceRecord(later, 'en'))).toBe(true);
		expect(blocksToText(readBlocks(fragment))).toContain('Present (3)');
	});

	it.each([
		['a passed open ballot names who voted what, proxies marked', closed(), ['For: 3 · Against: 1 · Abstain: 1', 'Against: Lê Thị Hồng (by proxy)', 'Result: ADOPTED']],
		['no quorum makes the vote invalid', closed({ result: { ...closed().result!, passed: false, quorumMet: false } }), ['Quorum: not met', 'Result: INVALID (no quorum)']],
		[
			'an election shows the ranking, no passed/failed',
			closed({ majority: null, options: ['An', 'Bình'], maxChoices: 1, ballot: 'secret', ballots: [], result: { ...closed().result!, passed: null, majority: null, majorityMet: null, counts: { An: 4, Bình: 1 }, ranking: [{ option: 'An', votes: 4, rank: 1 }, { option: 'Bình', votes: 1, rank: 2 }] } }),
			['Secret ballot · election, up to 1 choices', '1. An: 4 votes', '2. Bình: 1 votes']
		],
		['a motion not yet voted says so', closed({ state: 'draft', result: null, closedAt: null }), ['Not yet voted.']],
		['a legacy result names the rule it was decided by', closed(), ['Open ballot · more than half of the votes for and against']],
		[
			'a legacy "absolute" result was counted against those present, and says so',
			closed({ result: { ...closed().result!, majority: 'absolute' } }),
			['Open ballot · more than half of the voting members present or represented']
		],
		[
			'a result with a reason prints it word for word after the verdict',
			closed({
				majority: { threshold: 'more_than_half', of: 'members' },
				result: { ...closed().result!, passed: false, majorityMet: false, majority: { threshold: 'more_than_half', of: 'members' }, base: { of: 'members', count: 6 }, bodyType: 'people_committee', reason: { vi: '3/6 thành viên tán thành, …', en: '3 of 6 members in favour: not more than half of all members of the People\'s Committee' } }
			}),
			["Open ballot · more than half of all members of the People's Committee", "Result: NOT ADOPTED\n3 of 6 members in favour: not more than half of all members of the People's Committee"]
		]
	])('%s', (_name, motion, expected) => {
		const lines = motionRecord(motion, 'en', 'other').lines.join('\n');
		for (const e of expected) expect(lines).toContain(e);
		if (motion.majority === null) expect(lines).not.toContain('Result:');
	});
});

describe('rendering', () => {
	it('escapes text and drops unsafe links in HTML', () => {
		const html = blocksToHtml([{ type: 'paragraph', content: [{ text: '<script>alert(1)</script>' }, { text: 'x', link: 'javascript:alert(1)' }, { text: 'y', link: 'https://example.gov.vn' }] }]);
		expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;x<a href="https://example.gov.vn" rel="noopener noreferrer">y</a></p>');
	});

	it('hashes the content, not the way it was built', () => {
		const a = minutesTemplate(facts, 'vi');
		const b = readBlocks(roomWith(a));
		expect(minutesContentHash(b)).toBe(minutesContentHash(a));
		expect(minutesContentHash(minutesTemplate(facts, 'en'))).not.toBe(minutesContentHash(a));
	});
});
