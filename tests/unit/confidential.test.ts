import { describe, expect, it } from 'vitest';
import { canTakeCopy, requireCopyAllowed, requireOfflineCopyAllowed } from '$lib/server/documents/confidential';
import type { GlobalRole } from '$lib/server/db/schema';

const actor = (role: GlobalRole) => ({ id: 'u1', role });

describe('copies of a confidential document', () => {
	it.each([
		['admin', true, true],
		['secretary', true, true],
		['member', true, false],
		['member', false, true],
		['secretary', false, true]
	] as const)('%s, confidential %s → may take a copy: %s', (role, confidential, allowed) => {
		expect(canTakeCopy(actor(role), { confidential })).toBe(allowed);
		if (allowed) expect(() => requireCopyAllowed(actor(role), { confidential })).not.toThrow();
		else expect(() => requireCopyAllowed(actor(role), { confidential })).toThrow(expect.objectContaining({ code: 'document_confidential', status: 403 }));
	});

	it('refuses the offline copier whoever asks, and only for a confidential document', () => {
		const copier = new Request('http://x/api/v1/documents/d/file', { headers: { 'x-quorum-offline': 'save' } });
		const viewer = new Request('http://x/api/v1/documents/d/file', { headers: { range: 'bytes=0-9' } });
		expect(() => requireOfflineCopyAllowed(copier, { confidential: true })).toThrow(expect.objectContaining({ code: 'document_confidential' }));
		expect(() => requireOfflineCopyAllowed(viewer, { confidential: true })).not.toThrow();
		expect(() => requireOfflineCopyAllowed(copier, { confidential: false })).not.toThrow();
	});
});
