import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

describe('the lockout sentence', () => {
	it('says "1 minute" and "2 minutes" in English', () => {
		expect(m.error_too_many_attempts({ minutes: 1 }, { locale: 'en' })).toContain('wait 1 minute and');
		expect(m.error_too_many_attempts({ minutes: 2 }, { locale: 'en' })).toContain('wait 2 minutes and');
		expect(m.error_too_many_attempts({ minutes: 15 }, { locale: 'en' })).toContain('wait 15 minutes and');
	});

	it('has no plural in Vietnamese', () => {
		expect(m.error_too_many_attempts({ minutes: 1 }, { locale: 'vi' })).toContain('đợi 1 phút rồi');
		expect(m.error_too_many_attempts({ minutes: 5 }, { locale: 'vi' })).toContain('đợi 5 phút rồi');
	});
});
