import { describe, expect, it } from 'vitest';
import { bodyAbbreviation, formatDocumentNumber, minutesSymbol, placeName, vietnamYear } from '$lib/server/minutes/numbering';
import { TEXT } from '$lib/server/minutes/pdf/strings';

// Decree 30/2020/NĐ-CP, Appendix I: the number and symbol, the place and the date of an administrative document.

describe('the symbol of minutes', () => {
	it.each([
		['Ủy ban nhân dân tỉnh Quảng Nam', 'UBND', 'BB-UBND'],
		['Hội đồng nhân dân tỉnh', 'HĐND', 'BB-HĐND'],
		['HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG', 'HĐND', 'BB-HĐND'],
		['Ủy ban nhân dân huyện Đức Phổ', 'UBND', 'BB-UBND'],
		['Sở Nội vụ', 'SNV', 'BB-SNV'],
		['', '', 'BB']
	])('%s → %s', (body, abbreviation, symbol) => {
		expect(bodyAbbreviation(body)).toBe(abbreviation);
		expect(minutesSymbol(body)).toBe(symbol);
	});

	it('writes numbers below 10 with a leading zero', () => {
		expect(formatDocumentNumber(5, 'BB-UBND')).toBe('05/BB-UBND');
		expect(formatDocumentNumber(12, 'BB-UBND')).toBe('12/BB-UBND');
		expect(formatDocumentNumber(123, 'BB')).toBe('123/BB');
	});
});

describe('the place and date line', () => {
	it.each([
		['Ủy ban nhân dân tỉnh Quảng Nam', 'Quảng Nam'],
		['ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM', 'Quảng Nam'],
		['Hội đồng nhân dân thành phố Hà Nội', 'Hà Nội'],
		['Ủy ban nhân dân tỉnh', 'Tỉnh'],
		['Sở Nội vụ', '']
	])('%s → "%s"', (body, place) => expect(placeName(body)).toBe(place));

	it('zero-pads days below 10 and the months January and February only', () => {
		expect(TEXT.vi.placeDate('Hà Nội', 5, 1, 2027)).toBe('Hà Nội, ngày 05 tháng 01 năm 2027');
		expect(TEXT.vi.placeDate('Hà Nội', 15, 2, 2027)).toBe('Hà Nội, ngày 15 tháng 02 năm 2027');
		expect(TEXT.vi.placeDate('Hà Nội', 9, 3, 2027)).toBe('Hà Nội, ngày 09 tháng 3 năm 2027');
		expect(TEXT.vi.placeDate('Hà Nội', 31, 12, 2026)).toBe('Hà Nội, ngày 31 tháng 12 năm 2026');
		expect(TEXT.en.placeDate('Hanoi', 5, 1, 2027)).toBe('Hanoi, 5 January 2027');
	});

	it('counts the year in Vietnam: New Year’s Eve at 20:00 UTC is already next year', () => {
		expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
		expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
	});
});
