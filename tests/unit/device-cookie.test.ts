import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEVICE_LIFETIME_MS, DEVICES_PER_BROWSER, issueDeviceToken, rememberDevice, trustedDevice, verifyDeviceToken } from '$lib/server/auth/device-cookie';

const SECRET = randomBytes(32);
const NOW = Date.UTC(2027, 2, 1);
const DAY = 24 * 60 * 60 * 1000;

/** The token with one of its four dot-separated parts replaced. */
function withPart(value: string, index: number, replace: (part: string) => string): string {
	const parts = value.split('.');
	parts[index] = replace(parts[index]!);
	return parts.join('.');
}
// The first character: the last one of a base64 string may carry only padding bits.
const flipFirst = (text: string) => (text.startsWith('A') ? 'B' : 'A') + text.slice(1);

describe('device tokens', () => {
	const { value, nonce } = issueDeviceToken(SECRET, 'chair', NOW);

	it('verify for the user they were issued to, and name the device by its nonce', () => {
		expect(verifyDeviceToken(SECRET, value, 'chair', NOW)).toBe(nonce);
		expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
		// Only characters a cookie value may hold unencoded.
		expect(value).toMatch(/^[A-Za-z0-9_.-]+$/);
	});

	it('are new each time: two sign-ins are two devices', () => {
		expect(issueDeviceToken(SECRET, 'chair', NOW).nonce).not.toBe(nonce);
	});

	const refused: [string, string, string, number][] = [
		['for another user', value, 'delegate1', NOW],
		['with the username swapped in the token', withPart(value, 0, () => Buffer.from('delegate1').toString('base64url')), 'delegate1', NOW],
		['with another nonce', withPart(value, 1, flipFirst), 'chair', NOW],
		['with the expiry pushed back', withPart(value, 2, (s) => String(Number(s) + DAY / 1000)), 'chair', NOW],
		['with a changed signature', withPart(value, 3, flipFirst), 'chair', NOW],
		['signed with another secret', issueDeviceToken(randomBytes(32), 'chair', NOW).value, 'chair', NOW],
		['once expired', value, 'chair', NOW + DEVICE_LIFETIME_MS],
		['issued short-lived and past it', issueDeviceToken(SECRET, 'chair', NOW, 60_000).value, 'chair', NOW + 60_000],
		['with a part missing', value.split('.').slice(0, 3).join('.'), 'chair', NOW],
		['with a part too many', `${value}.x`, 'chair', NOW],
		['with a non-canonical username encoding', withPart(value, 0, (s) => `${s}!`), 'chair', NOW],
		['empty', '', 'chair', NOW]
	];
	it.each(refused)('are refused %s', (_name, token, username, now) => {
		expect(verifyDeviceToken(SECRET, token, username, now)).toBeNull();
	});

	it('are still good a day before they expire', () => {
		expect(verifyDeviceToken(SECRET, value, 'chair', NOW + DEVICE_LIFETIME_MS - DAY)).toBe(nonce);
	});
});

describe('the device cookie of a shared tablet', () => {
	it('remembers the last users of the browser, newest first, each for themselves only', () => {
		let cookie: string | null = null;
		for (const user of ['chair', 'secretary', 'delegate1']) cookie = rememberDevice(SECRET, cookie, user, NOW);
		for (const user of ['chair', 'secretary', 'delegate1']) expect(trustedDevice(SECRET, cookie, user, NOW)).not.toBeNull();
		expect(trustedDevice(SECRET, cookie, 'delegate2', NOW)).toBeNull();
		expect(cookie!.split('~')).toHaveLength(3);
	});

	it('replaces a user’s own token when they sign in again (a new device nonce)', () => {
		const first = rememberDevice(SECRET, null, 'chair', NOW);
		const second = rememberDevice(SECRET, first, 'chair', NOW + DAY);
		expect(second.split('~')).toHaveLength(1);
		expect(trustedDevice(SECRET, second, 'chair', NOW + DAY)).not.toBe(trustedDevice(SECRET, first, 'chair', NOW));
	});

	it('keeps at most a few users, dropping the oldest', () => {
		let cookie = '';
		for (let i = 0; i <= DEVICES_PER_BROWSER; i++) cookie = rememberDevice(SECRET, cookie, `user${i}`, NOW);
		expect(cookie.split('~')).toHaveLength(DEVICES_PER_BROWSER);
		expect(trustedDevice(SECRET, cookie, 'user0', NOW)).toBeNull();
		expect(trustedDevice(SECRET, cookie, `user${DEVICES_PER_BROWSER}`, NOW)).not.toBeNull();
	});

	it('drops what it cannot vouch for: forged, expired or foreign tokens', () => {
		const forged = withPart(issueDeviceToken(SECRET, 'secretary', NOW).value, 3, flipFirst);
		const expired = issueDeviceToken(SECRET, 'delegate1', NOW - DEVICE_LIFETIME_MS).value;
		const cookie = rememberDevice(SECRET, ['junk', forged, expired].join('~'), 'chair', NOW);
		expect(cookie.split('~')).toHaveLength(1);
	});

	it('ignores an absent or oversized cookie', () => {
		expect(trustedDevice(SECRET, undefined, 'chair', NOW)).toBeNull();
		const valid = issueDeviceToken(SECRET, 'chair', NOW).value;
		expect(trustedDevice(SECRET, `${valid}~${'x'.repeat(5_000)}`, 'chair', NOW)).toBeNull();
	});
});
