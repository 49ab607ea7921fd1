import { describe, expect, it } from 'vitest';
import { byVi, compareVi, sortByName } from '$lib/collation';

// The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y. Tones (sắc, huyền, hỏi, ngã,
// nặng) only decide between words whose letters are otherwise the same.
describe('Vietnamese collation', () => {
	it('puts Đ after D and before E, not after every Latin letter', () => {
		const names = ['Vũ', 'Đặng', 'Bùi', 'Dương', 'Đinh', 'Đỗ', 'Em'];
		expect([...names].sort(compareVi)).toEqual(['Bùi', 'Dương', 'Đặng', 'Đinh', 'Đỗ', 'Em', 'Vũ']);
	});

	it('orders o ô ơ and u ư as letters of their own: Ngọc, Ngô, Nguyễn', () => {
		expect(['Nguyễn', 'Ngô', 'Ngọc'].sort(compareVi)).toEqual(['Ngọc', 'Ngô', 'Nguyễn']);
		expect(['Ơn', 'Ông', 'On'].sort(compareVi)).toEqual(['On', 'Ông', 'Ơn']);
		expect(['Ưng', 'Uy', 'Vân'].sort(compareVi)).toEqual(['Uy', 'Ưng', 'Vân']);
	});

	it('orders a ă â before tones: Ánh before Ăn, Ăn before Ấn', () => {
		expect(['Ấn', 'Ăn', 'Ánh', 'An'].sort(compareVi)).toEqual(['An', 'Ánh', 'Ăn', 'Ấn']);
	});

	it('uses tones only to separate otherwise equal letters: Võ before Vũ, and o before ô whatever the tone', () => {
		expect(['Vũ', 'Võ'].sort(compareVi)).toEqual(['Võ', 'Vũ']);
		// Tone order: none, huyền, hỏi, ngã, sắc, nặng (Unicode CLDR's Vietnamese tailoring).
		expect(['Mạ', 'Má', 'Mã', 'Mả', 'Mà', 'Ma'].sort(compareVi)).toEqual(['Ma', 'Mà', 'Mả', 'Mã', 'Má', 'Mạ']);
		expect(['Ồ', 'Ọ'].sort(compareVi)).toEqual(['Ọ', 'Ồ']);
	});

	it('sorts the whole set of real names in the alphabet’s order, where byte order gets it wrong', () => {
		const names = ['Vũ', 'Võ', 'Ông', 'Ánh', 'Ấn', 'Bùi', 'Đặng', 'Đinh', 'Đỗ', 'Nguyễn', 'Ngô', 'Ngọc'];
		const expected = ['Ánh', 'Ấn', 'Bùi', 'Đặng', 'Đinh', 'Đỗ', 'Ngọc', 'Ngô', 'Nguyễn', 'Ông', 'Võ', 'Vũ'];
		expect([...names].sort(compareVi)).toEqual(expected);
		// What SQLite's ORDER BY did: proves the test would catch a return to comparing bytes.
		expect([...names].sort()).not.toEqual(expected);
	});

	it('compares full names word by word, family name first', () => {
		const people = [
			{ id: 'u1', displayName: 'Nguyễn Thị Thu Hà' },
			{ id: 'u2', displayName: 'Đặng Minh Tuấn' },
			{ id: 'u3', displayName: 'Ngô Văn Phúc' },
			{ id: 'u4', displayName: 'Bùi Thị Lan' },
			{ id: 'u5', displayName: 'Đỗ Văn An' },
			{ id: 'u6', displayName: 'Đặng Minh Anh' }
		];
		expect(sortByName(people).map((p) => p.displayName)).toEqual([
			'Bùi Thị Lan',
			'Đặng Minh Anh',
			'Đặng Minh Tuấn',
			'Đỗ Văn An',
			'Ngô Văn Phúc',
			'Nguyễn Thị Thu Hà'
		]);
	});

	it('breaks ties between equal names with the next key, and leaves the input alone', () => {
		const people = [
			{ id: 'b', displayName: 'Lê Hồng' },
			{ id: 'a', displayName: 'Lê Hồng' },
			{ id: 'c', displayName: 'Bùi Lan' }
		];
		expect(sortByName(people, (p) => p.id).map((p) => p.id)).toEqual(['c', 'a', 'b']);
		expect(people.map((p) => p.id)).toEqual(['b', 'a', 'c']);
		const byRoleThenName = byVi<{ role: string; name: string }>(
			(p) => p.role,
			(p) => p.name
		);
		expect(
			[
				{ role: 'delegate', name: 'Vũ' },
				{ role: 'chair', name: 'Đặng' },
				{ role: 'delegate', name: 'Đinh' }
			]
				.sort(byRoleThenName)
				.map((p) => p.name)
		).toEqual(['Đặng', 'Đinh', 'Vũ']);
	});

	it('treats composed and decomposed spellings of the same name as equal', () => {
		expect(compareVi('Nguyễn', 'Nguyễn'.normalize('NFD'))).toBe(0);
	});
});
