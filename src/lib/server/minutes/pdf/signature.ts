import type { MinutesSignature } from '$lib/minutes/blocks';
import { ROOT } from './blocks';
import { keepTogether, textItems, type Box, type Item } from './items';
import { BODY_SIZE, CONTENT_WIDTH, GREY, MARGIN } from './page';
import type { Strings } from './strings';
import type { BaseStyle, Typesetter } from './text';

/** The province's zone, not the server's: the signing time is read by people in Vietnam. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Role, name, time and hash on one page: a signature split from its name would sign nothing. */
export function signatureItem(kit: Typesetter, signature: MinutesSignature, strings: Strings): Item {
	const column: Box = { x: MARGIN + CONTENT_WIDTH / 2, width: CONTENT_WIDTH / 2, frames: [] };
	const centred = (text: string, base: BaseStyle, spaceBefore: number) => {
		const items = textItems(kit, [{ text }], base, column, 'center');
		if (items[0]) items[0].spaceBefore = spaceBefore;
		return items;
	};
	const hash = textItems(
		kit,
		[{ text: strings.hash }, { text: signature.contentHash, code: true }],
		{ size: 8.5, colour: GREY },
		ROOT,
		'left'
	);
	if (hash[0]) hash[0].spaceBefore = 14;
	return keepTogether(
		[
			...centred(signature.roleLabel, { size: BODY_SIZE, bold: true }, 0),
			...centred(signature.name, { size: 12, bold: true }, 6),
			...centred(strings.signedAt(formatSignedAt(signature.signedAt)), { size: 10, italic: true, colour: GREY }, 2),
			...hash
		],
		24
	);
}

/** dd/MM/yyyy HH:mm in Vietnam. */
function formatSignedAt(iso: string): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) throw new Error(`minutes pdf: signedAt is not a date: ${iso}`);
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: TIME_ZONE,
		hourCycle: 'h23',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
