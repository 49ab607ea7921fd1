import { describe, expect, it } from 'vitest';
import { routeLabel } from '$lib/server/metrics';

describe('routeLabel', () => {
	it('replaces ids, hashes and numbers so a route is one series', () => {
		expect(routeLabel('/api/v1/meetings/abcdefgh234567ab/motions?x=1')).toBe('/api/v1/meetings/:id/motions');
		expect(routeLabel('/meetings/abcdefgh234567ab/documents/qrstuvwx234567ab')).toBe('/meetings/:id/documents/:id');
		expect(routeLabel(`/verify/${'a'.repeat(64)}`)).toBe('/verify/:sha256');
		expect(routeLabel('/archive/2026')).toBe('/archive/:n');
		expect(routeLabel('/_app/immutable/chunks/BcD3.js')).toBe('/_app');
		// Words of the routes stay, even long ones made of the id alphabet.
		expect(routeLabel('/api/v1/meetings')).toBe('/api/v1/meetings');
		expect(routeLabel('/participants')).toBe('/participants');
	});

	it('stops growing after a few hundred distinct routes', () => {
		for (let i = 0; i < 400; i++) routeLabel(`/scan-${i.toString(36)}x`);
		expect(routeLabel('/never-seen-before')).toBe('other');
		expect(routeLabel('/api/v1/meetings')).toBe('/api/v1/meetings');
	});
});
