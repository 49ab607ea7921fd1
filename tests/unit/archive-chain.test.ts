import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '$lib/server/archive/canonical';
import { chainHash, GENESIS_HASH, verifyChain, type ChainRow } from '$lib/server/archive/chain';

describe('canonical JSON', () => {
	it.each([
		['key order does not matter', { b: 1, a: [true, null, 'x'] }, { a: [true, null, 'x'], b: 1 }],
		['nested objects are sorted too', { z: { y: 1, x: 2 } }, { z: { x: 2, y: 1 } }],
		['undefined members are dropped', { a: 1, b: undefined }, { a: 1 }]
	])('%s', (_name, left, right) => {
		expect(canonicalJson(left)).toBe(canonicalJson(right));
	});

	it('writes no whitespace and sorts by code unit', () => {
		expect(canonicalJson({ b: 'Đảng', a: 1.5, B: [1, { d: 0, c: 'x' }] })).toBe('{"B":[1,{"c":"x","d":0}],"a":1.5,"b":"Đảng"}');
	});

	it('keeps Vietnamese text as it is (no normalisation behind the hash)', () => {
		const nfc = 'Nghị quyết';
		const nfd = nfc.normalize('NFD');
		expect(canonicalJson(nfc)).not.toBe(canonicalJson(nfd));
	});

	it.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['a Date', new Date(0)],
		['a function', () => 1],
		['a bigint', 1n]
	])('refuses %s', (_name, value) => {
		expect(() => canonicalJson({ v: value })).toThrow(TypeError);
	});

	it('gives stable hashes', () => {
		expect(sha256Hex(canonicalJson({ a: 1 }))).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
	});
});

function buildChain(n: number): ChainRow[] {
	const rows: ChainRow[] = [];
	let prev = GENESIS_HASH;
	for (let seq = 1; seq <= n; seq++) {
		const pdfSha256 = sha256Hex(`pdf ${seq}`);
		const record = canonicalJson({ meeting: { id: `m${seq}`, title: `Kỳ họp thứ ${seq}` }, minutesPdfSha256: pdfSha256, minutes: { text: 'Nghị quyết được thông qua' } });
		const contentHash = sha256Hex(record);
		const hash = chainHash(seq, prev, contentHash);
		rows.push({ seq, meetingId: `m${seq}`, record, contentHash, prevHash: prev, hash, pdfSha256 });
		prev = hash;
	}
	return rows;
}

describe('archive chain', () => {
	it('holds when untouched', () => {
		const rows = buildChain(4);
		expect(verifyChain(rows)).toEqual({ ok: true, records: 4, head: rows[3]!.hash });
		expect(verifyChain([])).toEqual({ ok: true, records: 0, head: GENESIS_HASH });
	});

	it('fails at the record whose byte changed, for every byte of every record', () => {
		const rows = buildChain(3);
		for (let r = 0; r < rows.length; r++) {
			const record = rows[r]!.record;
			for (let i = 0; i < record.length; i++) {
				const changed = record.slice(0, i) + String.fromCharCode(record.charCodeAt(i) ^ 1) + record.slice(i + 1);
				const tampered = rows.map((row, j) => (j === r ? { ...row, record: changed } : row));
				const report = verifyChain(tampered);
				expect(report.ok, `record ${r + 1} byte ${i}`).toBe(false);
				if (!report.ok) expect(report.seq).toBe(r + 1);
			}
		}
	});

	it('fails at a record whose hashes were recomputed to match an edit (the next link breaks)', () => {
		const rows = buildChain(3);
		const record = rows[1]!.record.replace('thông qua', 'bác bỏ');
		const contentHash = sha256Hex(record);
		rows[1] = { ...rows[1]!, record, contentHash, hash: chainHash(2, rows[1]!.prevHash, contentHash) };
		const report = verifyChain(rows);
		expect(report).toMatchObject({ ok: false, seq: 3, reason: 'prevHash does not match the previous record' });
	});

	it.each([
		['a removed record', (rows: ChainRow[]) => rows.filter((r) => r.seq !== 2), 3],
		['two records swapped', (rows: ChainRow[]) => [rows[0]!, rows[2]!, rows[1]!], 3],
		['a changed chain hash', (rows: ChainRow[]) => rows.map((r) => (r.seq === 2 ? { ...r, hash: 'f'.repeat(64) } : r)), 2],
		['a changed PDF hash column', (rows: ChainRow[]) => rows.map((r) => (r.seq === 1 ? { ...r, pdfSha256: 'a'.repeat(64) } : r)), 1],
		['a record moved to another meeting', (rows: ChainRow[]) => rows.map((r) => (r.seq === 3 ? { ...r, meetingId: 'm9' } : r)), 3]
	])('names the first broken record after %s', (_name, tamper, seq) => {
		const report = verifyChain(tamper(buildChain(3)));
		expect(report).toMatchObject({ ok: false, seq });
	});

	it('fails when a record is valid JSON but not canonical', () => {
		const rows = buildChain(1);
		const record = JSON.stringify(JSON.parse(rows[0]!.record), null, 1);
		const contentHash = sha256Hex(record);
		rows[0] = { ...rows[0]!, record, contentHash, hash: chainHash(1, GENESIS_HASH, contentHash) };
		expect(verifyChain(rows)).toMatchObject({ ok: false, seq: 1, reason: 'the record is not in canonical form' });
	});

	it('checks the stored PDFs when asked', () => {
		const rows = buildChain(2);
		expect(verifyChain(rows, (sha) => sha)).toMatchObject({ ok: true });
		expect(verifyChain(rows, (sha) => (sha === rows[1]!.pdfSha256 ? null : sha))).toMatchObject({ ok: false, seq: 2, reason: 'the minutes PDF is missing' });
		expect(verifyChain(rows, (sha) => (sha === rows[0]!.pdfSha256 ? 'b'.repeat(64) : sha))).toMatchObject({ ok: false, seq: 1, reason: 'the minutes PDF was changed' });
	});
});

describe('a chain holding written opinion polls (migration 0014)', () => {
	function row(seq: number, prevHash: string, owner: { meetingId: string } | { pollId: string }): ChainRow {
		const content =
			'meetingId' in owner
				? { meeting: { id: owner.meetingId }, minutesPdfSha256: `pdf-${seq}` }
				: { format: 'quorum-poll-record/1', poll: { id: owner.pollId }, pdfSha256: `pdf-${seq}` };
		const record = canonicalJson(content);
		const contentHash = sha256Hex(record);
		return {
			seq,
			meetingId: 'meetingId' in owner ? owner.meetingId : null,
			pollId: 'pollId' in owner ? owner.pollId : null,
			record,
			contentHash,
			prevHash,
			hash: chainHash(seq, prevHash, contentHash),
			pdfSha256: `pdf-${seq}`
		};
	}
	const chain = () => {
		const first = row(1, GENESIS_HASH, { meetingId: 'm1' });
		const second = row(2, first.hash, { pollId: 'p1' });
		return [first, second, row(3, second.hash, { meetingId: 'm2' })];
	};

	it('holds with meetings and polls in one chain', () => {
		expect(verifyChain(chain())).toMatchObject({ ok: true, records: 3 });
	});

	it('names the poll whose record was moved to another poll or whose PDF hash differs', () => {
		const moved = chain();
		moved[1] = { ...moved[1]!, pollId: 'p2' };
		expect(verifyChain(moved)).toMatchObject({ ok: false, seq: 2, pollId: 'p2', reason: 'the record belongs to another poll' });
		const pdf = chain();
		pdf[1] = { ...pdf[1]!, pdfSha256: 'other' };
		expect(verifyChain(pdf)).toMatchObject({ ok: false, seq: 2, reason: 'the PDF hash differs from the one in the record' });
		const missing = chain();
		expect(verifyChain(missing, (sha) => (sha === 'pdf-2' ? null : sha))).toMatchObject({ ok: false, seq: 2, reason: 'the poll summary PDF is missing' });
	});
});
