import { verifyCode, verifyCopy } from '$lib/server/archive/verify-copy';
import { getDb } from '$lib/server/db/client';
import { AppError } from '$lib/server/errors';
import { runForm, text } from '$lib/server/forms';
import { serviceCtx } from '$lib/server/request';
import type { Actions } from './$types';

/**
 * /verify: a PDF or the footer's code, checked against the archive (archive/verify-copy.ts, the same service as
 * `POST /api/v1/archive/verify`). Plain forms: the check works without JavaScript.
 */
export const actions: Actions = {
	file: async (event) => {
		const { actor } = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(null, async () => {
			const file = data.get('file');
			if (!(file instanceof File) || file.size === 0) throw new AppError('validation_failed', 'choose a PDF file', { fields: [{ path: 'file', message: 'required' }] });
			return { kind: 'file' as const, name: file.name, verdict: await verifyCopy(getDb(), actor, new Uint8Array(await file.arrayBuffer())) };
		});
	},
	code: async (event) => {
		const { actor } = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const code = text(data, 'code') ?? '';
			return { kind: 'code' as const, name: code, verdict: { ...verifyCode(getDb(), actor, code), pdfSignatures: [] } };
		});
	}
};
