import { and, eq, max } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { meetings, minutes } from '../db/schema';

/**
 * The document number (số) and symbol (ký hiệu) of approved minutes, and the place name of the date line, after
 * Decree 30/2020/NĐ-CP, Appendix I (docs/minutes-format.md): numbers run from 01 each year per issuing body, a
 * number below 10 takes a leading zero, and the symbol is the document type's abbreviation (BB: biên bản) joined by
 * a hyphen to the issuing body's.
 */

/** The words that end a body's own name and start the place it serves ("Ủy ban nhân dân | tỉnh Quảng Nam"). */
const UNITS = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];

function split(body: string): { organ: string; unit: string; place: string } {
	const text = body.normalize('NFC').replace(/\s+/g, ' ').trim();
	const lower = text.toLocaleLowerCase('vi');
	for (const unit of UNITS) {
		const at = lower.search(new RegExp(`(^|\\s)${unit}(\\s|$)`, 'u'));
		if (at >= 0) {
			const start = at === 0 ? 0 : at + 1;
			return { organ: text.slice(0, start).trim(), unit: text.slice(start, start + unit.length), place: text.slice(start + unit.length).trim() };
		}
	}
	return { organ: text, unit: '', place: '' };
}

/** "Ủy ban nhân dân tỉnh Quảng Nam" → "UBND", "Hội đồng nhân dân tỉnh" → "HĐND": initials with their marks dropped (Đ stays Đ). */
export function bodyAbbreviation(body: string): string {
	return split(body)
		.organ.split(' ')
		.filter(Boolean)
		.map((word) => word[0]!.normalize('NFD')[0]!.toLocaleUpperCase('vi'))
		.join('');
}

/** "BB-UBND"; just "BB" when the body has no name. */
export function minutesSymbol(body: string): string {
	const abbreviation = bodyAbbreviation(body);
	return abbreviation ? `BB-${abbreviation}` : 'BB';
}

/** "05/BB-UBND". */
export function formatDocumentNumber(n: number, symbol: string): string {
	return `${String(n).padStart(2, '0')}/${symbol}`;
}

/** The place of the date line: the province or city the body serves ("Quảng Nam"), else its unit ("Tỉnh"). */
export function placeName(body: string): string {
	const { unit, place } = split(body);
	// The PDF prints the body in capitals; the place in its date line is written as a name ("Quảng Ninh").
	const capitalised = (word: string) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi');
	if (place) return place === place.toLocaleUpperCase('vi') ? place.split(' ').map(capitalised).join(' ') : place;
	return unit ? capitalised(unit) : '';
}

/** The year of an instant in Vietnam, where the numbering restarts on 1 January. */
export function vietnamYear(at: Date): number {
	return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at));
}

/** The next number of the body's minutes in `year`. Called again inside the approval's transaction. */
export function nextDocumentNumber(db: Queryable, body: string, year: number): number {
	const last = db
		.select({ n: max(minutes.docNumber) })
		.from(minutes)
		.innerJoin(meetings, eq(meetings.id, minutes.meetingId))
		.where(and(eq(minutes.docYear, year), eq(meetings.body, body)))
		.get();
	return (last?.n ?? 0) + 1;
}
