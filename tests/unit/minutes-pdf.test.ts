import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { MinutesBlock, MinutesPdfInput } from '$lib/minutes/blocks';
import { renderMinutesPdf } from '$lib/server/minutes/pdf';

// The minutes PDF read back with pdf.js, as a reader's viewer or the archive's text search would read it.

const A4_WIDTH = (210 * 72) / 25.4;
// Decree 30/2020/NĐ-CP's margins as the renderer takes them: 30 mm left, 15 mm right.
const LEFT_EDGE = (30 * 72) / 25.4;
const RIGHT_EDGE = A4_WIDTH - (15 * 72) / 25.4;
const TITLE = 'Biên bản kỳ họp thứ 12 Hội đồng nhân dân tỉnh';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const VOCABULARY = 'đại biểu thảo luận thống nhất thông qua nghị quyết về kế hoạch phát triển kinh tế xã hội đầu tư công cải cách hành chính tỉnh Quảng Ninh'.split(' ');
const words = (n: number) => Array.from({ length: n }, (_, i) => VOCABULARY[i % VOCABULARY.length]).join(' ');
const paragraph = (text: string): MinutesBlock => ({ type: 'paragraph', content: [{ text }] });

function minutesInput(overrides: Partial<MinutesPdfInput> = {}): MinutesPdfInput {
	return {
		locale: 'vi',
		body: 'HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH',
		title: TITLE,
		subtitle: '14:00, 27/11/2026 · Hội trường A',
		blocks: [
			{ type: 'heading', level: 1, content: [{ text: 'I. Thành phần tham dự' }] },
			{
				type: 'record',
				kind: 'attendance',
				ref: 'meeting-1',
				title: 'Điểm danh đại biểu',
				lines: ['Có mặt: 45/50 đại biểu', 'Vắng có lý do: 3 (Trần Thị Bích Ngọc, Lê Hoàng Ẩn, Phạm Quốc Bảo)']
			},
			{ type: 'heading', level: 2, content: [{ text: 'II. Nội dung kỳ họp' }] },
			{
				type: 'paragraph',
				content: [
					{ text: 'Chủ tọa ' },
					{ text: 'Nguyễn Văn Bình', bold: true },
					{ text: ' khai mạc kỳ họp và ' },
					{ text: 'đề nghị', italic: true },
					{ text: ' các đại biểu tập trung thảo luận.' }
				]
			},
			{
				type: 'list',
				ordered: true,
				start: 1,
				items: [
					[
						paragraph('Báo cáo tình hình kinh tế – xã hội năm 2026'),
						{ type: 'list', ordered: false, start: 1, items: [[paragraph('Tăng trưởng GRDP đạt 10,2%')], [paragraph('Thu ngân sách vượt dự toán')]] }
					],
					[paragraph('Tờ trình về dự toán ngân sách năm 2027')]
				]
			},
			{ type: 'heading', level: 3, content: [{ text: 'III. Thảo luận' }] },
			paragraph(words(1500))
		],
		signers: { secretary: 'Lê Thị Thu Hà', chair: 'Nguyễn Văn Bình' },
		// 20:30 UTC on the 26th is already the 27th in Vietnam.
		official: { number: '05/BB-HĐND', place: 'Quảng Ninh', date: '2026-11-26T20:30:00Z', archiveSeq: 12, contentHash: HASH },
		...overrides
	};
}

/**
 * Every block type, mark and layout rule at once: nested lists (all three bullets, a non-integer start, an empty
 * item), a quote holding a record and code (frames inside frames, cut at a page break), a hard break, tabs,
 * no-break spaces, control characters, decomposed text, a word wider than the line, a safe and an unsafe link.
 */
function richInput(overrides: Partial<MinutesPdfInput> = {}): MinutesPdfInput {
	const nested = (depth: number): MinutesBlock =>
		({ type: 'list', ordered: false, start: 1, items: [[paragraph(`Cấp ${depth}`), ...(depth < 4 ? [nested(depth + 1)] : [])], []] });
	return minutesInput({
		blocks: [
			...([1, 2, 3, 4, 5, 6] as const).map((level): MinutesBlock => ({ type: 'heading', level, content: [{ text: `Đề mục cấp ${level}` }] })),
			{
				type: 'paragraph',
				content: [
					{ text: 'Đậm', bold: true },
					{ text: 'nghiêng', italic: true },
					{ text: ' gạch\u00A0chân', underline: true },
					{ text: ' gạch bỏ ', strike: true },
					{ text: 'mã_nguồn()', code: true },
					{ text: ' đậm nghiêng\n', bold: true, italic: true },
					{ text: '\tdòng\u0007 mới Nghi\u0323\u0302 quyê\u0301t ' },
					{ text: 'cổng', link: 'https://quangninh.gov.vn/a)b?c=1' },
					{ text: ' ' },
					{ text: 'bẫy', link: 'file:///etc/passwd' }
				]
			},
			{ type: 'list', ordered: true, start: 1.5, items: [[paragraph('Mục một')], [], [nested(1)]] },
			{ type: 'list', ordered: true, start: 98, items: [[paragraph('Chín mươi tám')], [paragraph('Chín mươi chín')], [paragraph('Một trăm')]] },
			{ type: 'rule' },
			paragraph(words(700)),
			{
				type: 'quote',
				blocks: [
					paragraph(words(40)),
					{ type: 'record', kind: 'motion', ref: 'motion-1', title: 'Biểu quyết: Nghị quyết số 12', lines: ['Tán thành: 40', 'Không tán thành: 3', 'Không biểu quyết: 2'] },
					{ type: 'code', text: 'if (quorum) {\r\n\tthongQua();\r\n}\n\n' + 'x'.repeat(200) },
					{ type: 'quote', blocks: [paragraph(words(300))] }
				]
			},
			paragraph(`https://quangninh.gov.vn/${'tai-lieu'.repeat(50)}`),
			{ type: 'code', text: '' },
			paragraph('')
		],
		...overrides
	});
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface TextItem {
	str: string;
	x: number;
	width: number;
	font: string;
}

async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; items: TextItem[][] }> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	// pdf.js takes ownership of the buffer it is given: hand it a copy so the caller's bytes stay comparable.
	const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
	const pages: string[] = [];
	const items: TextItem[][] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		const texts = content.items.filter((item) => 'str' in item);
		pages.push(texts.map((item) => item.str + (item.hasEOL ? '\n' : '')).join('').normalize('NFC'));
		items.push(texts.map((item) => ({ str: item.str, x: item.transform[4] as number, width: item.width, font: item.fontName })));
	}
	await doc.destroy();
	return { pages, items };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('renderMinutesPdf', () => {
	it('renders the same bytes for the same input, from a cold start and a warm one', async () => {
		vi.resetModules();
		const cold = await (await import('$lib/server/minutes/pdf')).renderMinutesPdf(minutesInput());
		const warm = await renderMinutesPdf(minutesInput());
		expect(Buffer.from(cold).equals(Buffer.from(warm))).toBe(true);
	});

	it('renders the rich fixture to the recorded bytes', async () => {
		// A refactor must not move a single byte. A change to the layout, pdf-lib or the font files changes these
		// on purpose; record the new hashes then (last: Decree 30 layout in Liberation Serif).
		expect(sha256(await renderMinutesPdf(richInput()))).toBe('f3214bd3a32f53e86be5172872c15656a891ebc6f2a8a99e894518c5addd87cb');
		expect(sha256(await renderMinutesPdf(richInput({ locale: 'en', body: '', subtitle: ' ', official: null })))).toBe('2a42c107d55fc81be775d76dac48fba640dc0908946b68c06ad530e4706799a2');
	});

	it('keeps the Vietnamese title, numbers every page and signs at the end', async () => {
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput()));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(oneLine(pages[0]!)).toContain(TITLE.normalize('NFC'));
		expect(oneLine(pages[0]!)).toContain('HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH');
		expect(oneLine(pages[0]!)).toContain('Chủ tọa Nguyễn Văn Bình khai mạc kỳ họp và đề nghị các đại biểu');
		expect(pages[0]).toContain('Điểm danh đại biểu');
		expect(pages[0]).toContain('Vắng có lý do: 3 (Trần Thị Bích Ngọc, Lê Hoàng Ẩn, Phạm Quốc Bảo)');
		// Decree 30's heading: body and national title side by side, number and place-and-date, then the title.
		const first = oneLine(pages[0]!);
		for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 05/BB-HĐND', 'Quảng Ninh, ngày 27 tháng 11 năm 2026', 'BIÊN BẢN']) {
			expect(first).toContain(text);
		}
		// Page numbers from page 2 on, alone on their line in the top margin.
		pages.slice(1).forEach((text, i) => expect(text.split('\n').map((l) => l.trim())).toContain(String(i + 2)));
		// The archive's mark on every page.
		for (const text of pages) expect(oneLine(text)).toContain(`Bản lưu trữ số 12 · Mã nội dung SHA-256: ${HASH.slice(0, 16)}`);

		const last = oneLine(pages.at(-1)!);
		for (const text of ['THƯ KÝ', 'CHỦ TỌA', 'Lê Thị Thu Hà', 'Nguyễn Văn Bình', '(Đã ký số)']) expect(last).toContain(text);
		expect(last.indexOf('THƯ KÝ')).toBeLessThan(last.indexOf('CHỦ TỌA'));
		expect(pages.join('')).not.toContain('DỰ THẢO');
	});

	it('puts list markers before their text and keeps the numbering', async () => {
		const blocks: MinutesBlock[] = [{ type: 'list', ordered: true, start: 9, items: [[paragraph('Mục chín')], [paragraph('Mục mười')]] }];
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput({ blocks })));
		expect(oneLine(pages[0]!)).toContain('9. Mục chín 10. Mục mười');
	});

	it('never leaves a heading alone at the bottom of a page', async () => {
		const blocks = Array.from({ length: 60 }, (_, k): MinutesBlock[] => [
			{ type: 'heading', level: 2, content: [{ text: `Mục ${k}` }] },
			paragraph(words(5 + ((k * 13) % 60)))
		]).flat();
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput({ blocks, official: null })));
		expect(pages.length).toBeGreaterThan(3);
		for (const text of pages.slice(0, -1)) {
			const body = text.split('\n').filter((line) => line.trim() && !/^(\d+|DỰ THẢO — .*)$/.test(line.trim()));
			expect(body.at(-1)).not.toMatch(/^Mục \d+$/);
		}
	});

	it('makes web links clickable, and a link cannot break out of its PDF string', async () => {
		const link = 'https://quangninh.gov.vn/a)>>/S/JavaScript/JS(app.alert(1))';
		const blocks: MinutesBlock[] = [{ type: 'paragraph', content: [{ text: 'cổng thông tin', link }, { text: ' và ' }, { text: 'mã độc', link: 'javascript:alert(1)' }] }];
		const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const doc = await pdfjs.getDocument({ data: await renderMinutesPdf(minutesInput({ blocks })), isEvalSupported: false }).promise;
		const annotations = await (await doc.getPage(1)).getAnnotations();
		expect(annotations.map((a: { subtype: string; url?: string }) => [a.subtype, a.url])).toEqual([['Link', new URL(link).href]]);
	});

	it('marks every page of a draft and signs none', async () => {
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput({ official: null })));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		for (const text of pages) expect(text).toContain('DỰ THẢO — chưa được phê duyệt');
		// Number and date are left blank for the approval to fill.
		expect(oneLine(pages[0]!)).toMatch(/Số: +\/BB-HĐND/);
		expect(oneLine(pages[0]!)).toMatch(/Quảng Ninh, ngày +tháng +năm/);
		expect(pages.join('')).not.toContain('Đã ký số');
		expect(pages.join('')).not.toContain(HASH);
	});

	it('speaks English when asked', async () => {
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput({ locale: 'en', official: null })));
		expect(oneLine(pages[0]!)).toContain('SOCIALIST REPUBLIC OF VIET NAM');
		expect(oneLine(pages[0]!)).toContain('Independence - Freedom - Happiness');
		expect(oneLine(pages[0]!)).toContain('MINUTES');
		expect(oneLine(pages.at(-1)!)).toContain('SECRETARY');
		pages.forEach((text) => expect(text).toContain('DRAFT — not approved'));
	});

	it('renders an empty minutes as one page', async () => {
		const { pages } = await readPdf(await renderMinutesPdf(minutesInput({ blocks: [], official: null })));
		expect(pages).toHaveLength(1);
		expect(oneLine(pages[0]!)).toContain('BIÊN BẢN');
		expect(oneLine(pages[0]!)).toContain('CHỦ TỌA');
	});

	it('wraps a 5,000-word paragraph and an unbreakable 400-character word within the margins', async () => {
		const blocks = [paragraph(words(5000)), paragraph(`https://quangninh.gov.vn/${'tai-lieu'.repeat(50)}`)];
		const { pages, items } = await readPdf(await renderMinutesPdf(minutesInput({ blocks })));
		expect(pages.length).toBeGreaterThan(5);
		const drawn = items.flat().filter((item) => item.str.trim());
		expect(drawn.length).toBeGreaterThan(250);
		expect(drawn.filter((item) => item.x < LEFT_EDGE - 0.5 || item.x + item.width > RIGHT_EDGE + 0.5)).toEqual([]);
		expect(pages.join('').replace(/\s+/g, '')).toContain('tai-lieu'.repeat(50));
	});

	it('sets code in Liberation Mono, Vietnamese letters included, and prose in Liberation Serif', async () => {
		const blocks: MinutesBlock[] = [
			{ type: 'paragraph', content: [{ text: 'Tệp mẫu ' }, { text: 'nguồn_ảnh', code: true }] },
			{ type: 'code', text: 'ghi_chú("tổng")' }
		];
		const { items } = await readPdf(await renderMinutesPdf(minutesInput({ blocks, official: null })));
		const all = items.flat().map((i) => ({ ...i, str: i.str.normalize('NFC') }));
		const body = all.slice(all.findIndex((i) => i.str === 'Tệp mẫu'));
		const fontOf = (text: string) => {
			const item = body.find((i) => i.str === text);
			expect(item, text).toBeDefined();
			return item!.font;
		};
		const serif = fontOf('Tệp mẫu');
		const mono = fontOf('nguồn_ảnh');
		expect(mono).not.toBe(serif);
		expect(fontOf('ghi_chú("tổng")')).toBe(mono);
	});
});
