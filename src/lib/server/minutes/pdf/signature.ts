import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { keepTogether, textItems, type Box, type Item } from './items';
import { BODY_SIZE, CONTENT_WIDTH, GREY, MARGIN_LEFT } from './page';
import type { Strings } from './strings';
import type { BaseStyle, Typesetter } from './text';

/**
 * The signature blocks of minutes (Decree 30/2020/NĐ-CP, form 1.9 of Appendix III): THƯ KÝ on the left, CHỦ TỌA
 * on the right, each title in bold capitals, room for the signature, then the full name in bold. On approved
 * minutes the room says the document is digitally signed: the signatures themselves are the PDF's (PAdES), which
 * any reader lists with who signed and when. Both blocks on one page: a title split from its name signs nothing.
 */

const SIGNATURE_ROOM = 52;

export function signatureItem(kit: Typesetter, input: MinutesPdfInput, strings: Strings): Item {
	const half = CONTENT_WIDTH / 2;
	const column = (role: string, name: string, x: number): Item => {
		const box: Box = { x, width: half, frames: [] };
		const centred = (text: string, base: BaseStyle) => textItems(kit, [{ text }], base, box, 'center');
		const room = input.official && !input.variant ? centred(strings.signedDigitally, { size: 11, italic: true, colour: GREY }) : [];
		const roomItem = keepTogether(room, 0);
		// The room keeps its height whether or not it says anything: a draft prints with space to sign by hand.
		const gap: Item = { ...roomItem, height: SIGNATURE_ROOM, draw: (page, top) => roomItem.draw(page, top + (SIGNATURE_ROOM - roomItem.height) / 2) };
		if (!role) return keepTogether([], 0);
		return keepTogether([...centred(role, { size: BODY_SIZE, bold: true }), gap, ...(name ? centred(name, { size: BODY_SIZE, bold: true }) : [])], 0);
	};
	const titles = input.variant?.signatureTitles ?? { left: strings.secretary, right: strings.chair };
	const secretary = column(titles.left, input.signers.secretary, MARGIN_LEFT);
	const chair = column(titles.right, input.signers.chair, MARGIN_LEFT + half);
	return {
		height: Math.max(secretary.height, chair.height),
		spaceBefore: 24,
		keepWithNext: false,
		frames: [],
		firstBaseline: secretary.firstBaseline,
		draw: (page, top) => {
			secretary.draw(page, top);
			chair.draw(page, top);
		}
	};
}
