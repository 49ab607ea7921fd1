import { describe, expect, it } from 'vitest';
import type { MinutesBlock } from '$lib/minutes/blocks';
import { unfilledLines } from '$lib/server/minutes/fill-ins';
import type { MeetingFacts } from '$lib/server/minutes/facts';
import { minutesTemplate } from '$lib/server/minutes/template';

const paragraph = (text: string): MinutesBlock => ({ type: 'paragraph', content: [{ text }] });

describe('unfilledLines', () => {
	it('finds the lines that still end with the template’s “…”, at any depth, with the heading above them', () => {
		const blocks: MinutesBlock[] = [
			paragraph('Thời gian: …'),
			{ type: 'heading', level: 2, content: [{ text: 'I. Thảo luận' }] },
			paragraph('Tóm tắt thảo luận: …'),
			{ type: 'list', ordered: false, start: 1, items: [[paragraph('Ý kiến đại biểu An: …  ')], [paragraph('Đã thống nhất.')]] },
			{ type: 'quote', blocks: [{ type: 'paragraph', content: [{ text: 'Kết luận: ', bold: true }, { text: '…' }] }] },
			paragraph('Cuộc họp kết thúc lúc 11 giờ 30.')
		];
		expect(unfilledLines(blocks)).toEqual([
			{ text: 'Thời gian: …', under: null },
			{ text: 'Tóm tắt thảo luận: …', under: 'I. Thảo luận' },
			{ text: 'Ý kiến đại biểu An: …', under: 'I. Thảo luận' },
			{ text: 'Kết luận: …', under: 'I. Thảo luận' }
		]);
	});

	it('leaves an ellipsis inside a sentence, code, records and filled lines alone', () => {
		const blocks: MinutesBlock[] = [
			paragraph('Các sở, ngành, v.v… đã thống nhất.'),
			{ type: 'code', text: 'chờ…' },
			{ type: 'record', kind: 'motion', ref: 'm1', title: 'Biểu quyết …', lines: ['Tán thành: …'] },
			{ type: 'rule' },
			paragraph('')
		];
		expect(unfilledLines(blocks)).toEqual([]);
	});

	it('counts every fill-in of a fresh template, in both languages', () => {
		const facts: MeetingFacts = {
			meeting: { id: 'm1', title: 'Kỳ họp thứ 12', body: 'HĐND tỉnh', bodyType: 'people_council', location: 'Hội trường A', startsAt: new Date('2026-11-27T02:00:00Z'), endsAt: null },
			participants: [{ userId: 'u1', displayName: 'Nguyễn Văn Bình', role: 'chair', canVote: true, attendance: 'present' }],
			proxies: [],
			agenda: [{ id: 'a1', parentId: null, number: '1', title: 'Thông qua chương trình', description: '', presenter: '' }],
			documents: [],
			speakers: [],
			motions: []
		};
		for (const locale of ['vi', 'en'] as const) {
			const lines = unfilledLines(minutesTemplate(facts, locale));
			expect(lines.length, locale).toBeGreaterThanOrEqual(2);
			for (const line of lines) expect(line.text.endsWith('…')).toBe(true);
			// Each agenda item's "Tóm tắt thảo luận: …" is told apart by its heading.
			expect(lines.some((l) => l.under?.includes('Thông qua chương trình')), locale).toBe(true);
		}
	});
});
