import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseArchiveParams } from '$lib/server/archive/filters';
import { foldText, parseQuery } from '$lib/server/archive/fold';
import { indexArchivedMeeting, listArchiveBodies, listArchivedMeetings, searchArchive, type ArchiveHit } from '$lib/server/archive/search';
import { buildSnippet, matchRanges } from '$lib/server/archive/snippet';
import type { Actor } from '$lib/server/auth/policy';
import type { Db } from '$lib/server/db/client';
import { agendaItems, archiveRecords, documentPages, documents, meetingParticipants, meetings } from '$lib/server/db/schema';
import { isAppError } from '$lib/server/errors';
import { newId } from '$lib/server/ids';
import { buildUser, memoryDb } from './factories';

/** The snippet's highlighted words, as the reader sees them. */
const marked = (hit: { snippet: { text: string; highlights: [number, number][] } }) => hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));

describe('foldText', () => {
	it.each([
		['Đảng bộ', 'Dảng bộ'],
		['đồng chí', 'dồng chí'],
		['ĐỀ ÁN', 'DỀ ÁN'],
		['Ðại hội (Eth, old encodings)', 'Dại hội (Eth, old encodings)'],
		['hành chính', 'hành chính']
	])('%s → %s, same length', (input, folded) => {
		expect(foldText(input)).toBe(folded);
		expect(foldText(input).length).toBe(input.length);
	});

	it('agrees with the SQL view of migration 0007, which is what the index holds', () => {
		const db = memoryDb();
		const { meetingId } = seedMeeting(db, { title: 'x' });
		const sample = 'Đảng đoàn ĐỀ ÁN Ðại ðó đ Đ d D hành chính';
		indexArchivedMeeting(db, meetingId, { title: sample, text: sample });
		const row = db.get<{ title: string; body: string }>(sql`
			select c.title, c.body from archive_search_content c join archive_search_entries e on e.id = c.id
			where e.meeting_id = ${meetingId} and e.kind = 'minutes'`);
		expect(row.body).toBe(foldText(sample));
		expect(row.title.split('\n')[0]).toBe(foldText(sample));
	});
});

describe('parseQuery', () => {
	it.each([
		['hanh chinh', '"hanh" "chinh"*'],
		['hanh chinh ', '"hanh" "chinh"'],
		['Đảng', '"Dảng"*'],
		['nghị quyết số 12', '"nghị" "quyết" "số" "12"*'],
		['a', '"a"'],
		['cải cách a', '"cải" "cách"'],
		['cải cách a ', '"cải" "cách" "a"'],
		['dieu 5', '"dieu" "5"'],
		['chinh quyen dien t', '"chinh" "quyen" "dien"'],
		// FTS5 syntax is only ever searched for as words, or dropped when it is not a word.
		['"hanh', '"hanh"*'],
		['hanh" OR "xa', '"hanh" "OR" "xa"*'],
		['NEAR(hanh chinh, 2)', '"NEAR" "hanh" "chinh" "2"'],
		['title:dang', '"title" "dang"*'],
		['body : xa*', '"body" "xa"*'],
		['-hanh +chinh ^cong', '"hanh" "chinh" "cong"*'],
		['hanh AND NOT chinh', '"hanh" "AND" "NOT" "chinh"*'],
		['{title body}: xa', '"title" "body" "xa"*'],
		['hành-chính', '"hành" "chính"*']
	])('%j → %s', (input, match) => {
		const parsed = parseQuery(input);
		expect(parsed.ok && parsed.match).toBe(match);
	});

	it.each([
		['hanh chinh', '("hanh" "chinh"*) OR "hanh chinh"*'],
		['van an ', '("van" "an") OR "van an"'],
		['Đảng', '"Dảng"*'],
		['a"b cd', '("a" "b" "cd"*) OR "a b cd"*']
	])('ranks %j with %s', (input, ranking) => {
		const parsed = parseQuery(input);
		expect(parsed.ok && parsed.ranking).toBe(ranking);
	});

	it('decomposed input (NFD) becomes the composed words the index holds', () => {
		const parsed = parseQuery('hành chính'.normalize('NFD'));
		expect(parsed.ok && parsed.words).toEqual(['hành', 'chính']);
	});

	it.each([[''], ['   '], ['"" * - ( ) :'], ['x'.repeat(201)]])('%j is refused', (input) => {
		expect(parseQuery(input).ok).toBe(false);
	});

	it('keeps at most 12 words, and then no prefix (the last one typed is gone)', () => {
		const parsed = parseQuery(Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '));
		expect(parsed.ok && parsed.words.length).toBe(12);
		expect(parsed.ok && parsed.prefix).toBe(false);
	});
});

describe('snippets', () => {
	it.each([
		['Ban chấp hành Đảng bộ', ['dang', 'bo'], false, ['Đảng', 'bộ']],
		['Cải cách HÀNH CHÍNH, hành-chính công', ['hanh', 'chinh'], false, ['HÀNH', 'CHÍNH', 'hành', 'chính']],
		['Quảng Ninh, Quang Trung, quảng bá', ['quang', 'ni'], true, ['Quảng', 'Ninh', 'Quang', 'quảng']],
		['Nghị quyết số 997-QĐ/TU', ['qd'], false, ['QĐ']],
		['don’t panic', ['don'], false, ['don']],
		['hành chính'.normalize('NFD'), ['hanh'], false, ['hành'.normalize('NFD')]],
		['anh an ảnh ăn', ['an'], false, ['an', 'ăn']],
		['anh an ảnh ăn', ['an'], true, ['anh', 'an', 'ảnh', 'ăn']],
		['x.y (a+b)* [c] /d/', ['y', 'b', 'c', 'd'], false, ['y', 'b', 'c', 'd']],
		['ĐẢNG ỦY Đảng ủy đảng', ['dang', 'uy'], false, ['ĐẢNG', 'ỦY', 'Đảng', 'ủy', 'đảng']]
	])('finds the words of %j', (text, words, prefix, expected) => {
		expect(matchRanges(text, words, prefix).map(([s, e]) => text.slice(s, e))).toEqual(expected);
	});

	it('marks exactly the tokens FTS5 itself marks with highlight()', () => {
		const db = memoryDb();
		const { meetingId } = seedMeeting(db, {});
		const text = `Quảng Ninh đẩy mạnh CẢI CÁCH hành chính; Đảng bộ tỉnh (2012-2014), “đột phá” – ĐẢNG ỦY, Nghị quyết 997-QĐ/TU.\nTrung tâm HCC: hành-chính công.`;
		indexArchivedMeeting(db, meetingId, { title: 'x', text });
		for (const query of ['dang', 'hanh chinh', 'quang ni', 'qd tu', 'trung tam hcc', 'dot pha', 'cai cach', '2012', 'ca', 'uy', 'hanh c', 'tinh 20']) {
			const parsed = parseQuery(query);
			if (!parsed.ok) throw new Error(query);
			const marked = db.get<{ h: string }>(sql`
				select highlight(archive_search, 1, '[', ']') as h from archive_search s join archive_search_entries e on e.id = s.rowid
				where archive_search match ${parsed.match} and e.kind = 'minutes'`);
			const ours = matchRanges(text, parsed.words, parsed.prefix);
			let expected = '';
			let at = 0;
			for (const [s, e] of ours) {
				expected += `${foldText(text.slice(at, s))}[${foldText(text.slice(s, e))}]`;
				at = e;
			}
			expected += foldText(text.slice(at));
			expect(marked?.h, query).toBe(expected);
		}
	});

	it('keeps a whole short text, collapsing line breaks', () => {
		const text = 'Cải cách\nhành   chính';
		const s = buildSnippet(text, [[9, 13]]);
		expect(s.text).toBe('Cải cách hành chính');
		expect(marked({ snippet: s })).toEqual(['hành']);
	});

	it('cuts a long text around the best cluster of matches, at spaces, with ellipses', () => {
		const filler = (n: number) => Array.from({ length: n }, (_, i) => `từ${i}`).join(' ');
		const before = `${filler(80)} `;
		const text = `${before}xa ${filler(3)} Đảng ủy hành chính ${filler(80)}`;
		const far = text.indexOf('xa');
		const dang = text.indexOf('Đảng');
		const hanh = text.indexOf('hành');
		const s = buildSnippet(
			text,
			[
				[far - 300, far - 297],
				[dang, dang + 4],
				[hanh, hanh + 4]
			].filter(([a]) => a! >= 0) as [number, number][],
			{ width: 120, lead: 30 }
		);
		expect(s.text.startsWith('…')).toBe(true);
		expect(s.text.endsWith('…')).toBe(true);
		expect(s.text.length).toBeLessThanOrEqual(122);
		expect(marked({ snippet: s })).toEqual(['Đảng', 'hành']);
		// Cut at spaces: no half words at either end.
		expect(s.text.slice(1, -1)).toMatch(/^\S+( \S+)*$/u);
		for (const word of s.text.slice(1, -1).split(' ')) expect(text).toMatch(new RegExp(`(^|\\s)${word}(\\s|$)`, 'u'));
	});

	it('starts at the beginning when nothing in the text matched (a title match)', () => {
		const s = buildSnippet('Tờ trình về việc thành lập', []);
		expect(s).toEqual({ text: 'Tờ trình về việc thành lập', highlights: [] });
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Indexing and search against the real schema (migrations included) in memory.

interface SeedMeeting {
	title?: string;
	body?: string;
	startsAt?: string;
	participants?: Actor[];
	documents?: { title: string; pages: string[] }[];
	archived?: boolean;
}

let seq = 0;
function seedMeeting(db: Db, opts: SeedMeeting = {}) {
	const creator = buildUser(db, { role: 'secretary' });
	const now = new Date();
	const meetingId = newId();
	db.insert(meetings)
		.values({
			id: meetingId,
			title: opts.title ?? 'Phiên họp',
			body: opts.body ?? '',
			startsAt: new Date(opts.startsAt ?? '2026-03-01T02:00:00Z'),
			status: 'closed',
			createdBy: creator.id,
			updatedAt: now
		})
		.run();
	for (const p of opts.participants ?? []) db.insert(meetingParticipants).values({ meetingId, userId: p.id, role: 'delegate' }).run();
	const itemId = newId();
	db.insert(agendaItems).values({ id: itemId, meetingId, position: 0, title: 'Nội dung', updatedAt: now }).run();
	const documentIds: string[] = [];
	(opts.documents ?? []).forEach((doc, position) => {
		const id = newId();
		documentIds.push(id);
		db.insert(documents)
			.values({ id, meetingId, agendaItemId: itemId, seriesId: id, version: 1, position, title: doc.title, filename: 'f.pdf', sha256: '0'.repeat(64), sizeBytes: 1, pages: doc.pages.length, uploadedBy: creator.id })
			.run();
		doc.pages.forEach((text, i) => db.insert(documentPages).values({ documentId: id, page: i + 1, text }).run());
	});
	if (opts.archived) {
		seq++;
		db.insert(archiveRecords).values({ seq, meetingId, record: '{}', contentHash: 'c', prevHash: 'p', hash: `h${seq}`, pdfSha256: 'x' }).run();
	}
	return { meetingId, documentIds };
}

function errorCode(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return 'ok';
}

function world() {
	const db = memoryDb();
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const member: Actor = buildUser(db);
	const other: Actor = buildUser(db);
	const outsider: Actor = buildUser(db);
	const reform = seedMeeting(db, {
		title: 'Kỳ họp thứ 12 Hội đồng nhân dân tỉnh',
		body: 'Hội đồng nhân dân tỉnh',
		startsAt: '2026-03-10T01:00:00Z',
		participants: [member],
		archived: true,
		documents: [
			{
				title: 'Đề án cải cách hành chính',
				pages: [
					'Quảng Ninh đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân.',
					'Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về chuyển đổi số.\nĐảng bộ tỉnh lãnh đạo thực hiện.',
					''
				]
			}
		]
	});
	indexArchivedMeeting(db, reform.meetingId, { title: 'Biên bản kỳ họp thứ 12', text: 'Hội đồng biểu quyết thông qua Nghị quyết về đầu tư công.' });
	const budget = seedMeeting(db, {
		title: 'Phiên họp Ủy ban nhân dân về ngân sách',
		body: 'Ủy ban nhân dân tỉnh',
		startsAt: '2026-05-20T01:00:00Z',
		participants: [other],
		archived: true,
		documents: [{ title: 'Dự toán ngân sách', pages: ['Ngân sách địa phương và đầu tư công năm 2027, cải cách hành chính.'] }]
	});
	indexArchivedMeeting(db, budget.meetingId, { title: 'Biên bản phiên họp ngân sách', text: 'Thông qua dự toán ngân sách.' });
	return { db, secretary, member, other, outsider, reform, budget };
}

const where = (hits: ArchiveHit[]) => hits.map((h) => (h.kind === 'minutes' ? `minutes:${h.meetingId}` : `${h.documentId}#${h.page}`));

describe('searchArchive', () => {
	it.each([
		['hanh chinh', 'hành chính'],
		['dang bo', 'Đảng bộ'],
		['DANG', 'Đảng'],
		['nghi quyet', 'Nghị quyết'],
		['chuyen doi so', 'chuyển đổi số'],
		['Nghị Quyết', 'Nghị quyết'],
		['quang ni', 'Quảng Ninh']
	])('%j finds %j, and the snippet shows the original letters highlighted', (query, original) => {
		const { db, secretary } = world();
		const { hits, total } = searchArchive(db, secretary, query);
		expect(total).toBeGreaterThan(0);
		const hit = hits.find((h) => h.snippet.text.includes(original))!;
		expect(hit).toBeDefined();
		expect(marked(hit).join(' ')).toContain(original.split(' ')[0]!);
		for (const word of marked(hit)) expect(hit.snippet.text).toContain(word);
	});

	it('a hit carries its meeting, document and page', () => {
		const { db, member, reform } = world();
		const { hits } = searchArchive(db, member, 'dang bo');
		expect(hits).toHaveLength(1);
		expect(hits[0]).toMatchObject({
			meetingId: reform.meetingId,
			meetingTitle: 'Kỳ họp thứ 12 Hội đồng nhân dân tỉnh',
			meetingBody: 'Hội đồng nhân dân tỉnh',
			kind: 'page',
			documentId: reform.documentIds[0],
			documentTitle: 'Đề án cải cách hành chính',
			page: 2
		});
		expect(hits[0]!.startsAt).toEqual(new Date('2026-03-10T01:00:00Z'));
		expect(marked(hits[0]!)).toEqual(['Đảng', 'bộ']);
	});

	it('finds the minutes, and the minutes by the meeting title', () => {
		const { db, secretary, reform } = world();
		const { hits } = searchArchive(db, secretary, 'dau tu cong');
		expect(hits.find((h) => h.kind === 'minutes')).toMatchObject({ meetingId: reform.meetingId, minutesTitle: 'Biên bản kỳ họp thứ 12' });
		expect(where(searchArchive(db, secretary, 'ky hop thu 12').hits)[0]).toBe(`minutes:${reform.meetingId}`);
	});

	it('ranks a title match first and finds a document once by its title, not once per page', () => {
		const { db, secretary, reform } = world();
		const { hits } = searchArchive(db, secretary, 'de an');
		expect(where(hits)).toEqual([`${reform.documentIds[0]}#1`]);
		expect(hits[0]!.snippet.highlights).toEqual([]);
	});

	it('ranks the words side by side above the same words apart', () => {
		const db = memoryDb();
		const secretary: Actor = buildUser(db, { role: 'secretary' });
		const apart = 'Ông Văn Bình và bà An cùng dự họp; văn bản gửi ông An. '.repeat(3);
		const together = 'Đồng chí Nguyễn Văn An phát biểu về ngân sách và kế hoạch năm sau của tỉnh.';
		const { meetingId, documentIds } = seedMeeting(db, { documents: [{ title: 'Báo cáo', pages: ['mở đầu', apart, together] }] });
		indexArchivedMeeting(db, meetingId, { title: 'Biên bản', text: '' });
		const { hits, total } = searchArchive(db, secretary, 'van an');
		expect(total).toBe(2);
		expect(where(hits)).toEqual([`${documentIds[0]}#3`, `${documentIds[0]}#2`]);
	});

	it('pages without text are not indexed beyond page 1', () => {
		const { db, reform } = world();
		const pages = db.all<{ page: number }>(sql`select page from archive_search_entries where document_id = ${reform.documentIds[0]} order by page`);
		expect(pages.map((p) => p.page)).toEqual([1, 2]);
	});

	it('members only find what is in the meetings they take part in; the secretariat finds everything', () => {
		const { db, secretary, member, other, outsider, reform, budget } = world();
		const meetingsOf = (actor: Actor) => [...new Set(searchArchive(db, actor, 'hanh chinh').hits.map((h) => h.meetingId))].sort();
		expect(meetingsOf(secretary)).toEqual([reform.meetingId, budget.meetingId].sort());
		expect(meetingsOf(member)).toEqual([reform.meetingId]);
		expect(meetingsOf(other)).toEqual([budget.meetingId]);
		expect(searchArchive(db, outsider, 'hanh chinh')).toEqual({ hits: [], total: 0 });
	});

	it('filters in SQL before the limit, so pages and totals are exact', () => {
		const { db, secretary, member } = world();
		const all = searchArchive(db, secretary, 'cong', { limit: 1 });
		expect(all.hits).toHaveLength(1);
		expect(all.total).toBe(searchArchive(db, secretary, 'cong', { limit: 100 }).hits.length);
		const mine = searchArchive(db, member, 'cong', { limit: 1 });
		expect(mine.hits).toHaveLength(1);
		expect(mine.total).toBe(searchArchive(db, member, 'cong', { limit: 100 }).hits.length);
		// Past the last page: no hits, still the total.
		expect(searchArchive(db, secretary, 'cong', { offset: 50 })).toEqual({ hits: [], total: all.total });
	});

	it('filters by date and convening body', () => {
		const { db, secretary, reform, budget } = world();
		const ids = (opts: Parameters<typeof searchArchive>[3]) => [...new Set(searchArchive(db, secretary, 'hanh chinh', opts).hits.map((h) => h.meetingId))];
		expect(ids({ from: new Date('2026-04-01T00:00:00Z') })).toEqual([budget.meetingId]);
		expect(ids({ to: new Date('2026-04-01T00:00:00Z') })).toEqual([reform.meetingId]);
		expect(ids({ body: 'Ủy ban nhân dân tỉnh' })).toEqual([budget.meetingId]);
		expect(ids({ body: 'Không có' })).toEqual([]);
	});

	it.each(['"', 'NEAR(a b)', 'hanh" OR "', '*', 'title:hanh', '- hanh', '(((', 'hanh chinh)', "'; drop table meetings; --", 'AND', 'x:y:z'])(
		'FTS5 syntax in %j is harmless',
		(query) => {
			const { db, secretary } = world();
			const code = errorCode(() => searchArchive(db, secretary, query));
			expect(['ok', 'validation_failed']).toContain(code);
		}
	);

	it('empty and over-long queries are a 400 that names the field', () => {
		const { db, secretary } = world();
		for (const q of ['', '  ', '***', 'x'.repeat(201)]) {
			try {
				searchArchive(db, secretary, q);
				expect.unreachable();
			} catch (e) {
				expect(isAppError(e) && e.status).toBe(400);
				expect(isAppError(e) && e.details.fields?.[0]?.path).toBe('q');
			}
		}
	});

	it('indexing the same meeting again replaces its entries', () => {
		const { db, secretary, reform } = world();
		indexArchivedMeeting(db, reform.meetingId, { title: 'Biên bản', text: 'Nội dung mới về khoa học' });
		expect(searchArchive(db, secretary, 'khoa hoc').total).toBe(1);
		expect(searchArchive(db, secretary, 'dau tu cong').hits.filter((h) => h.kind === 'minutes' && h.meetingId === reform.meetingId)).toEqual([]);
		expect(db.get<{ n: number }>(sql`select count(*) as n from archive_search_entries where meeting_id = ${reform.meetingId}`).n).toBe(3);
		// The index still agrees with its content (a wrong 'delete' would corrupt it).
		db.run(sql`insert into archive_search (archive_search) values ('integrity-check')`);
	});
});

describe('listArchivedMeetings', () => {
	it('lists archived meetings the actor may see, newest first, with filters and text', () => {
		const { db, secretary, member, outsider, reform, budget } = world();
		seedMeeting(db, { title: 'Chưa lưu trữ', participants: [member] });
		expect(listArchivedMeetings(db, secretary).meetings.map((m) => m.id)).toEqual([budget.meetingId, reform.meetingId]);
		expect(listArchivedMeetings(db, member)).toMatchObject({ total: 1, meetings: [{ id: reform.meetingId, documentCount: 1 }] });
		expect(listArchivedMeetings(db, outsider)).toEqual({ meetings: [], total: 0 });
		expect(listArchivedMeetings(db, secretary, { text: 'ngan sach' }).meetings.map((m) => m.id)).toEqual([budget.meetingId]);
		expect(listArchivedMeetings(db, secretary, { text: 'dang bo' }).meetings.map((m) => m.id)).toEqual([reform.meetingId]);
		expect(listArchivedMeetings(db, member, { text: 'ngan sach' }).total).toBe(0);
		expect(listArchivedMeetings(db, secretary, { body: 'Hội đồng nhân dân tỉnh' }).meetings.map((m) => m.id)).toEqual([reform.meetingId]);
		expect(listArchivedMeetings(db, secretary, { limit: 1, offset: 1 })).toMatchObject({ total: 2, meetings: [{ id: reform.meetingId }] });
		expect(listArchiveBodies(db, secretary)).toEqual(['Hội đồng nhân dân tỉnh', 'Ủy ban nhân dân tỉnh']);
		expect(listArchiveBodies(db, member)).toEqual(['Hội đồng nhân dân tỉnh']);
	});
});

describe('parseArchiveParams', () => {
	const parse = (qs: string) => parseArchiveParams(new URLSearchParams(qs));

	it('reads days in the province time zone, `to` including its whole day', () => {
		const p = parse('q=x&from=2026-03-01&to=2026-03-31&body=%20HĐND%20&limit=5&offset=10');
		expect(p.filters.from).toEqual(new Date('2026-02-28T17:00:00Z'));
		expect(p.filters.to).toEqual(new Date('2026-03-31T17:00:00Z'));
		expect(p.filters.body).toBe('HĐND');
		expect(p.paging).toEqual({ limit: 5, offset: 10 });
		expect(p.q).toBe('x');
	});

	it('takes ISO instants, ignores empty fields, defaults paging', () => {
		const p = parse('from=2026-03-01T08:00:00%2B07:00&to=&body=');
		expect(p.filters).toEqual({ from: new Date('2026-03-01T01:00:00Z') });
		expect(p.paging).toEqual({ limit: 20, offset: 0 });
	});

	it.each(['from=yesterday', 'to=2026-13-45', 'limit=0', 'limit=1000', 'offset=-1', 'limit=2.5'])('%s is a 400', (qs) => {
		expect(errorCode(() => parse(qs))).toBe('validation_failed');
	});
});
