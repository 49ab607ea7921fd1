import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { identityTextProblem, normaliseIdentityText, stripUnsafeCharacters } from '$lib/identity-text';
import { createMeetingInput, updateMeetingInput } from '$lib/server/meetings/service';
import { addAgendaItemInput, updateAgendaItemInput } from '$lib/server/meetings/agenda';
import { createMotionInput, updateMotionInput } from '$lib/server/votes/motions';
import { createUserInput, updateUserInput } from '$lib/server/users/service';
import { AppError } from '$lib/server/errors';
import { parseInput } from '$lib/server/validation';

const BIDI_CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

describe('identityTextProblem', () => {
	it.each([
		['NUL', 'Nguyễn\u0000Văn A'],
		['bell', 'Hồng\u0007'],
		['tab', 'Trần\tVăn Minh'],
		['newline', 'Trần Văn\nMinh'],
		['escape', '\u001b[31mAdmin'],
		['DEL', 'Admin\u007f'],
		['C1 NEL', 'Admin\u0085'],
		['C1 CSI', 'Admin\u009b'],
		['line separator', 'Admin\u2028x'],
		['paragraph separator', 'Admin\u2029x']
	])('%s is a control character', (_name, text) => {
		expect(identityTextProblem(text)).toBe('control_character');
	});

	it.each(BIDI_CONTROLS.map((c) => [hex(c), c]))('%s is a bidi control', (_name, c) => {
		expect(identityTextProblem(`Admin${c}fdp.exe`)).toBe('bidi_control');
		expect(identityTextProblem(c)).toBe('bidi_control');
	});

	it('the classic file-name spoof is refused', () => {
		expect(identityTextProblem('Admin\u202Efdp.exe')).toBe('bidi_control');
	});

	it.each([
		['zero-width spaces', '\u200B\u200B'],
		['zero-width joiner and non-joiner', '\u200D\u200C'],
		['word joiner', '\u2060'],
		['byte order mark', '\uFEFF'],
		['soft hyphen', '\u00AD'],
		['variation selectors', '\uFE0F\uFE0E'],
		['Mongolian vowel separator', '\u180E'],
		['Hangul filler', '\u3164\u3164'],
		['Hangul choseong filler', '\u115F'],
		['Hangul jungseong filler', '\u1160'],
		['halfwidth Hangul filler', '\uFFA0'],
		['braille blank', '\u2800\u2800'],
		['combining marks without a base', '\u0301\u0300'],
		['combining grapheme joiner', '\u034F'],
		['tag characters', '\u{E0041}\u{E0042}'],
		['spaces only', ' \u00A0\u3000 '],
		['invisible mixture', '\u200B \u3164 \u2800'],
		['empty', '']
	])('%s has no visible character', (_name, text) => {
		expect(identityTextProblem(text)).toBe('no_visible_character');
	});

	it.each([
		'Nguyễn Thị Hồng',
		'Trần Văn Minh',
		'Lê Thị Hồng',
		'Đặng Quốc Bảo',
		'Phiên họp thường kỳ tháng 12/2026',
		'Ủy ban nhân dân tỉnh Quảng Ninh',
		'Nghị quyết số 12-NQ/HĐND',
		'O’Brien',
		'محمد',
		'שלום',
		'김민준',
		'👩\u200D💼 Thư ký',
		'✔',
		'42',
		'.'
	])('%s passes', (text) => {
		expect(identityTextProblem(text)).toBeNull();
	});
});

describe('normaliseIdentityText', () => {
	it('composes decomposed Vietnamese (as macOS and some keyboards send it) and trims', () => {
		const nfd = '  Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng '.normalize('NFD');
		expect(nfd).not.toBe('Nguyễn Thị Hồng');
		expect(normaliseIdentityText(nfd)).toBe('Nguyễn Thị Hồng');
		expect(normaliseIdentityText(nfd)).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
	});
});

describe('stripUnsafeCharacters (for text derived from uploads, which is cleaned, not refused)', () => {
	it.each([
		['gpj.\u202Efdp', 'gpj.fdp'],
		['a\u0000b\u0085c', 'abc'],
		['\u200Fx\u200E\u061C', 'x'],
		['Tờ trình', 'Tờ trình']
	])('%j → %j', (raw, expected) => {
		expect(stripUnsafeCharacters(raw)).toBe(expected);
	});
});

/** Every schema that takes a name or a title: the rule is enforced where input is narrowed. */
describe('the schemas of names and titles', () => {
	const base = {
		user: { username: 'clerk1', displayName: 'Cán bộ', password: 'mat-khau-dai', role: 'member' },
		meeting: { title: 'Họp', startsAt: '2027-03-01T08:00:00+07:00' },
		agenda: { title: 'Khai mạc' },
		motion: { agendaItemId: 'x', title: 'Thông qua', ballot: 'open' }
	};
	const cases: [string, z.ZodType, Record<string, unknown>, string][] = [
		['user displayName', createUserInput, base.user, 'displayName'],
		['user displayName (edit)', updateUserInput, {}, 'displayName'],
		['meeting title', createMeetingInput, base.meeting, 'title'],
		['meeting location', createMeetingInput, base.meeting, 'location'],
		['meeting body', createMeetingInput, base.meeting, 'body'],
		['meeting title (edit)', updateMeetingInput, {}, 'title'],
		['meeting location (edit)', updateMeetingInput, {}, 'location'],
		['agenda title', addAgendaItemInput, base.agenda, 'title'],
		['agenda presenter', addAgendaItemInput, base.agenda, 'presenter'],
		['agenda title (edit)', updateAgendaItemInput, {}, 'title'],
		['motion title', createMotionInput, base.motion, 'title'],
		['motion title (edit)', updateMotionInput, {}, 'title']
	];

	const reasonOf = (schema: z.ZodType, input: unknown) => {
		try {
			parseInput(schema, input);
		} catch (e) {
			if (e instanceof AppError) return e.details.fields;
			throw e;
		}
		return undefined;
	};

	it.each(cases)('%s refuses a bidi override, a NUL and an invisible-only value, naming the field', (_name, schema, valid, field) => {
		expect(reasonOf(schema, { ...valid, [field]: 'Admin\u202Efdp.exe' })).toEqual([{ path: field, message: expect.any(String), reason: 'bidi_control' }]);
		expect(reasonOf(schema, { ...valid, [field]: 'Họp\u0000' })).toEqual([{ path: field, message: expect.any(String), reason: 'control_character' }]);
		expect(reasonOf(schema, { ...valid, [field]: '\u200B\u200B' })).toEqual([{ path: field, message: expect.any(String), reason: 'no_visible_character' }]);
	});

	it.each(cases)('%s stores NFC', (_name, schema, valid, field) => {
		const parsed = parseInput(schema, { ...valid, [field]: 'Tra\u0302\u0300n Va\u0306n Minh' }) as Record<string, unknown>;
		expect(parsed[field]).toBe('Trần Văn Minh');
	});

	it('motion options are names too', () => {
		expect(reasonOf(createMotionInput, { ...base.motion, options: ['Đồng ý', 'A\u202Eb'] })).toEqual([
			{ path: 'options.1', message: expect.any(String), reason: 'bidi_control' }
		]);
		expect(reasonOf(createMotionInput, { ...base.motion, options: ['Đồng ý', '\u3164'] })?.[0]?.reason).toBe('no_visible_character');
		const parsed = parseInput(createMotionInput, { ...base.motion, options: ['Nguye\u0302\u0303n A', 'Tra\u0302\u0300n B'] });
		expect(parsed.options).toEqual(['Nguyễn A', 'Trần B']);
	});

	it('an optional name may still be left empty', () => {
		expect(parseInput(createMeetingInput, { ...base.meeting, location: '' }).location).toBe('');
		expect(parseInput(addAgendaItemInput, { ...base.agenda, presenter: '   ' }).presenter).toBe('');
	});

	it('usernames stay plain ASCII, so none of this gets into one', () => {
		for (const username of ['admin\u202E', 'ad\u0000min', '\u200B\u200B\u200B', 'admi\u0301n']) {
			expect(reasonOf(createUserInput, { ...base.user, username })?.map((f) => f.path)).toEqual(['username']);
		}
	});
});
