import { describe, expect, it } from 'vitest';
import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { DraftPdfs } from '$lib/server/minutes/draft-pdfs';

const input = (text: string): MinutesPdfInput => ({
	locale: 'vi',
	body: 'HĐND TỈNH',
	title: 'Kỳ họp thứ 12',
	subtitle: '',
	blocks: [{ type: 'paragraph', content: [{ text }] }],
	signers: { secretary: '', chair: '' },
	official: null
});

/** A renderer that counts its calls and finishes when told to. */
function renderer() {
	const calls: { input: MinutesPdfInput; finish: (ok: boolean) => void }[] = [];
	const render = (i: MinutesPdfInput) =>
		new Promise<Uint8Array>((resolve, reject) => calls.push({ input: i, finish: (ok) => (ok ? resolve(new TextEncoder().encode(JSON.stringify(i.blocks))) : reject(new Error('render failed'))) }));
	return { calls, render };
}

describe('DraftPdfs', () => {
	it('renders once for tablets asking at the same moment, and once more only when the draft changed', async () => {
		const { calls, render } = renderer();
		const pdfs = new DraftPdfs(render);
		const asked = [pdfs.get('m1', input('Đoạn một')), pdfs.get('m1', input('Đoạn một')), pdfs.get('m1', input('Đoạn một'))];
		expect(calls).toHaveLength(1);
		calls[0]!.finish(true);
		const [a, b, c] = await Promise.all(asked);
		expect(b).toBe(a);
		expect(c).toBe(a);
		await pdfs.get('m1', input('Đoạn một'));
		expect(calls).toHaveLength(1);

		const changed = pdfs.get('m1', input('Đoạn một đã sửa'));
		expect(calls).toHaveLength(2);
		calls[1]!.finish(true);
		expect(new TextDecoder().decode(await changed)).toContain('đã sửa');
	});

	it('keeps no failed render, one draft per meeting, and the most recently asked meetings', async () => {
		const { calls, render } = renderer();
		const pdfs = new DraftPdfs(render, 2);
		const failed = pdfs.get('m1', input('x'));
		calls[0]!.finish(false);
		await expect(failed).rejects.toThrow('render failed');
		const retried = pdfs.get('m1', input('x'));
		expect(calls).toHaveLength(2);
		calls[1]!.finish(true);
		await retried;

		for (const [meeting, n] of [
			['m2', 3],
			['m1', 3],
			['m3', 4],
			['m1', 4],
			['m2', 5]
		] as const) {
			const pending = pdfs.get(meeting, input('x'));
			expect(calls, meeting).toHaveLength(n);
			calls.at(-1)!.finish(true);
			await pending;
		}
		pdfs.forget('m1');
		void pdfs.get('m1', input('x'));
		expect(calls).toHaveLength(6);
	});
});
