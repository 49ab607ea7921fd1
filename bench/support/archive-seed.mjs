// An archive of many meetings for the search benchmark, written straight into a migrated database: going through
// the API (upload, minutes, approval) would take an hour for 20,000 pages, and the search is what is measured.
//
// Text comes from the corpus: the Vietnamese article (quang-ninh-hanh-chinh-cong.pdf) and two English PDFs
// (tracemonkey.pdf, freeculture.pdf), recombined by a word-bigram walk, so pages read like the corpus but differ,
// with names of provinces, people, numbers and dates mixed in as real minutes and reports have them.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newId, ROOT } from './server.mjs';

const CORPUS = path.resolve(ROOT, 'tests/fixtures/pdfs');

/** A small deterministic PRNG (mulberry32): the same archive and the same queries on every run. */
export function random(seed = 42) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (n) => Math.floor(next() * n),
		pick: (list) => list[Math.floor(next() * list.length)]
	};
}

async function pdfText(file, maxPages = Infinity) {
	const pdfjs = await import(path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'));
	const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(path.join(CORPUS, file))), verbosity: 0 }).promise;
	const pages = [];
	for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		let text = '';
		for (const item of content.items) {
			if (typeof item.str !== 'string') continue;
			text += item.str;
			if (item.hasEOL) text += '\n';
		}
		pages.push(text.normalize('NFC'));
	}
	await doc.destroy();
	return pages.join('\n');
}

const PROVINCES = [
	'Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế', 'Quảng Ninh', 'Lạng Sơn', 'Cao Bằng', 'Điện Biên', 'Lai Châu',
	'Sơn La', 'Lào Cai', 'Tuyên Quang', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Ninh Bình', 'Thanh Hóa',
	'Nghệ An', 'Hà Tĩnh', 'Quảng Trị', 'Quảng Ngãi', 'Gia Lai', 'Đắk Lắk', 'Khánh Hòa', 'Lâm Đồng', 'Đồng Nai',
	'Tây Ninh', 'Đồng Tháp', 'An Giang', 'Vĩnh Long', 'Cà Mau'
];
const PEOPLE = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung', 'Hoàng Minh Đức', 'Vũ Thị Giang', 'Đặng Quốc Hùng', 'Bùi Thanh Hương', 'Đỗ Văn Khoa', 'Ngô Thị Lan'];
const TOPICS = [
	'cải cách hành chính', 'chuyển đổi số', 'đầu tư công', 'ngân sách địa phương', 'quy hoạch sử dụng đất', 'giải phóng mặt bằng',
	'xây dựng nông thôn mới', 'phòng chống thiên tai', 'an sinh xã hội', 'giáo dục và đào tạo', 'y tế cơ sở', 'du lịch bền vững',
	'bảo vệ môi trường', 'phát triển doanh nghiệp', 'công tác cán bộ', 'thu hút đầu tư nước ngoài'
];
export const BODIES = ['Hội đồng nhân dân tỉnh', 'Ủy ban nhân dân tỉnh', 'Ban Thường vụ Tỉnh ủy', 'Ban Chấp hành Đảng bộ tỉnh', 'Thường trực Hội đồng nhân dân tỉnh'];

/** A bigram walk over the words of a text: sentences that read like it without repeating it. */
function bigrams(text) {
	const words = text.split(/\s+/u).filter(Boolean);
	const next = new Map();
	for (let i = 0; i + 1 < words.length; i++) {
		const list = next.get(words[i]) ?? [];
		list.push(words[i + 1]);
		next.set(words[i], list);
	}
	return { words, next };
}

function sentence(model, rnd, length) {
	let word = rnd.pick(model.words);
	const out = [word];
	for (let i = 1; i < length; i++) {
		const options = model.next.get(word);
		word = options && rnd.next() < 0.92 ? rnd.pick(options) : rnd.pick(model.words);
		out.push(word);
	}
	return out.join(' ');
}

/** The corpus texts, read once (pdf.js takes a few seconds for the 352-page book). */
export async function loadCorpus() {
	const vi = await pdfText('quang-ninh-hanh-chinh-cong.pdf');
	const en = `${await pdfText('tracemonkey.pdf')}\n${await pdfText('freeculture.pdf', 120)}`;
	return { vi, en, viModel: bigrams(vi), enModel: bigrams(en) };
}

/** One page of about `chars` characters: Vietnamese with the names and numbers of real reports, or English. */
export function pageText(corpus, rnd, { english = false, chars = 2400 } = {}) {
	const lines = [];
	let size = 0;
	while (size < chars) {
		let line = sentence(english ? corpus.enModel : corpus.viModel, rnd, 12 + rnd.int(24));
		if (!english) {
			const r = rnd.next();
			if (r < 0.15) line += ` Tỉnh ${rnd.pick(PROVINCES)} đẩy mạnh ${rnd.pick(TOPICS)}.`;
			else if (r < 0.25) line += ` Đồng chí ${rnd.pick(PEOPLE)} phát biểu về ${rnd.pick(TOPICS)}.`;
			else if (r < 0.32) line += ` Quyết định số ${100 + rnd.int(9900)}/QĐ-UBND ngày ${1 + rnd.int(28)}/${1 + rnd.int(12)}/20${20 + rnd.int(8)}.`;
			else if (r < 0.36) line += ` Tổng kinh phí ${1 + rnd.int(900)},${rnd.int(10)} tỷ đồng.`;
		}
		lines.push(line);
		size += line.length + 1;
	}
	return lines.join('\n');
}

/** ~200 queries as people type them: without diacritics, one to three words, some cut short, some rare, some absent. */
export function searchQueries(corpus, rnd, count = 200) {
	const strip = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).toLowerCase();
	const viWords = corpus.vi.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
	const enWords = corpus.en.split(/[^\p{L}]+/u).filter((w) => w.length > 3);
	const queries = [];
	for (let i = 0; i < count; i++) {
		const r = rnd.next();
		let q;
		if (r < 0.35) {
			// A run of 2–3 syllables from the article: "hanh chinh cong", "chinh quyen dien tu".
			const at = rnd.int(viWords.length - 3);
			q = viWords.slice(at, at + 2 + rnd.int(2)).join(' ');
		} else if (r < 0.5) q = rnd.pick(TOPICS);
		else if (r < 0.6) q = `${rnd.pick(PROVINCES)}`;
		else if (r < 0.68) q = rnd.pick(PEOPLE).split(' ').slice(-2).join(' ');
		else if (r < 0.78) q = rnd.pick(viWords);
		else if (r < 0.88) q = rnd.pick(enWords);
		else if (r < 0.94) {
			// Still typing: the last word cut after 2–4 letters (a prefix search).
			const topic = rnd.pick(TOPICS).split(' ');
			const last = topic[topic.length - 1];
			q = [...topic.slice(0, -1), last.slice(0, Math.min(last.length, 2 + rnd.int(3)))].join(' ');
		} else q = `khong co ${Math.random().toString(36).slice(2, 8)}`;
		queries.push(strip(q));
	}
	return queries;
}

const hex = () => randomBytes(32).toString('hex');

/**
 * `meetings` archived meetings with `pages` document pages between them, participants drawn from `memberIds`
 * (`perMeeting` each), minutes and an archive record for each, then the search index rebuilt from its view.
 * Returns the ids of the meetings `memberIds[0]` takes part in.
 */
export function seedArchive(db, corpus, rnd, { meetings, pages, memberIds, perMeeting = 20, englishShare = 0.3 }) {
	const creator = db.prepare("select id from users where username = 'secretary'").get().id;
	const insertMeeting = db.prepare(
		"insert into meetings (id, title, body, description, location, starts_at, ends_at, status, created_by, created_at, updated_at) values (?, ?, ?, '', ?, ?, ?, 'closed', ?, ?, ?)"
	);
	const insertParticipant = db.prepare("insert into meeting_participants (meeting_id, user_id, role, can_vote, created_at) values (?, ?, ?, 1, ?)");
	const insertItem = db.prepare("insert into agenda_items (id, meeting_id, parent_id, position, title, description, presenter, created_at, updated_at) values (?, ?, null, ?, ?, '', '', ?, ?)");
	const insertDocument = db.prepare(
		'insert into documents (id, meeting_id, agenda_item_id, series_id, version, position, title, filename, sha256, size_bytes, pages, uploaded_by, created_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const insertPage = db.prepare('insert into document_pages (document_id, page, text) values (?, ?, ?)');
	const insertMinutes = db.prepare(
		"insert into minutes (meeting_id, state, locale, created_by, created_at, updated_at, submitted_by, submitted_at, submitted_hash, approved_by, approved_at) values (?, 'approved', 'vi', ?, ?, ?, ?, ?, ?, ?, ?)"
	);
	const insertRecord = db.prepare('insert into archive_records (seq, meeting_id, record, content_hash, prev_hash, hash, pdf_sha256, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
	const insertEntry = db.prepare('insert into archive_search_entries (meeting_id, kind, document_id, page, title, context, text) values (?, ?, ?, ?, ?, ?, ?)');

	const mine = [];
	let pagesLeft = pages;
	// The demo data may already hold archived meetings: the chain goes on from its last record.
	const last = db.prepare('select seq, hash from archive_records order by seq desc limit 1').get();
	const firstSeq = (last?.seq ?? 0) + 1;
	let prevHash = last?.hash ?? '0'.repeat(64);
	const start = Date.UTC(2016, 0, 1);
	const span = Date.UTC(2026, 10, 1) - start;
	const write = db.transaction((from, to) => {
		for (let i = from; i < to; i++) {
			const id = newId();
			const startsAt = start + Math.floor((span * i) / meetings) + rnd.int(86_400_000);
			const body = rnd.pick(BODIES);
			const title = `${rnd.next() < 0.5 ? 'Kỳ họp' : 'Phiên họp'} thứ ${1 + (i % 30)} ${body} về ${rnd.pick(TOPICS)}`;
			insertMeeting.run(id, title, body, `Phòng họp số ${1 + rnd.int(5)}`, startsAt, startsAt + 3 * 3600_000, creator, startsAt, startsAt);
			// The measured member is in every tenth meeting; the others are drawn at random.
			const people = new Set(i % 10 === 0 ? [memberIds[0]] : []);
			while (people.size < perMeeting) people.add(memberIds[1 + rnd.int(memberIds.length - 1)]);
			let role = 'chair';
			for (const userId of people) {
				insertParticipant.run(id, userId, role, startsAt);
				role = 'delegate';
			}
			if (people.has(memberIds[0])) mine.push(id);
			const itemId = newId();
			insertItem.run(itemId, id, 0, `Nội dung ${rnd.pick(TOPICS)}`, startsAt, startsAt);

			// Pages spread evenly over the meetings left, in one to three documents.
			const meetingPages = Math.max(1, Math.round(pagesLeft / (meetings - i)));
			pagesLeft -= meetingPages;
			const docs = 1 + rnd.int(3);
			let left = meetingPages;
			for (let d = 0; d < docs && left > 0; d++) {
				const n = d === docs - 1 ? left : Math.max(1, Math.floor(meetingPages / docs));
				left -= n;
				const docId = newId();
				const english = rnd.next() < englishShare;
				const docTitle = english ? `Report on ${rnd.pick(['trace trees', 'free culture', 'copyright', 'compilers', 'public policy'])} ${2016 + rnd.int(11)}` : `${rnd.pick(['Báo cáo', 'Tờ trình', 'Đề án', 'Dự thảo Nghị quyết'])} về ${rnd.pick(TOPICS)}`;
				insertDocument.run(docId, id, itemId, docId, d, docTitle, `${docId}.pdf`, hex(), 100_000 * n, n, creator, startsAt);
				for (let p = 1; p <= n; p++) {
					const text = pageText(corpus, rnd, { english });
					insertPage.run(docId, p, text);
					insertEntry.run(id, 'page', docId, p, docTitle, null, null);
				}
			}

			const minutesText = [`BIÊN BẢN ${title.toUpperCase()}`, `Chủ tọa: ${rnd.pick(PEOPLE)}. Thư ký: ${rnd.pick(PEOPLE)}.`, pageText(corpus, rnd, { chars: 3000 })].join('\n');
			const approvedAt = startsAt + 7 * 86_400_000;
			insertMinutes.run(id, creator, startsAt, approvedAt, creator, approvedAt, hex(), creator, approvedAt);
			const contentHash = hex();
			// Not the real record format (archive:verify would refuse it): search never reads the record.
			const hash = createHash('sha256').update(`${firstSeq + i}${prevHash}${contentHash}`).digest('hex');
			insertRecord.run(firstSeq + i, id, '{}', contentHash, prevHash, hash, hex(), approvedAt);
			prevHash = hash;
			insertEntry.run(id, 'minutes', null, null, `Biên bản ${title}`, null, minutesText);
		}
	});
	for (let at = 0; at < meetings; at += 50) write(at, Math.min(meetings, at + 50));
	// The same statement a changed tokenizer would need: the index rebuilt from the view (migration 0007).
	db.exec("insert into archive_search (archive_search) values ('rebuild')");
	return mine;
}
