import { describe, expect, it } from 'vitest';
import { LoginThrottle, PENDING_WAIT_MS, type ThrottleRule } from '$lib/server/auth/throttle';

const RULE: ThrottleRule = { freeAttempts: 3, windowMs: 60_000, baseLockMs: 1_000, maxLockMs: 8_000 };

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('LoginThrottle', () => {
	it('lets the first failures through, then locks with a doubling wait up to the cap', () => {
		const c = clock();
		const throttle = new LoginThrottle(RULE, c.now);
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(1_000);
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(2_000);
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(8_000);
		c.advance(8_000);
		expect(throttle.retryAfter('minh')).toBe(0);
	});

	it('keeps keys apart: one person’s typos do not lock another', () => {
		const throttle = new LoginThrottle(RULE, clock().now);
		for (let i = 0; i < 5; i++) throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBeGreaterThan(0);
		expect(throttle.retryAfter('hong')).toBe(0);
	});

	it('forgets failures older than the window', () => {
		const c = clock();
		const throttle = new LoginThrottle(RULE, c.now);
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		c.advance(61_000);
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
	});

	it('clears a key on success', () => {
		const throttle = new LoginThrottle(RULE, clock().now);
		for (let i = 0; i < 3; i++) throttle.recordFailure('minh');
		throttle.recordSuccess('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
	});

	it('stays bounded under a storm of distinct keys', () => {
		const c = clock();
		const throttle = new LoginThrottle(RULE, c.now, 100);
		for (let i = 0; i < 1_000; i++) throttle.recordFailure(`user-${i}`);
		expect(throttle.size).toBe(100);
		// The newest keys are still tracked.
		throttle.recordFailure('user-999');
		throttle.recordFailure('user-999');
		expect(throttle.retryAfter('user-999')).toBeGreaterThan(0);
	});

	it('keeps a locked key’s count for a whole window after the lock: waiting out a lock earns one guess, not a fresh allowance', () => {
		const c = clock();
		const throttle = new LoginThrottle(RULE, c.now);
		for (let i = 0; i < 7; i++) throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(8_000);
		c.advance(8_000 + 59_000);
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(8_000);
		// A quiet window after the lock ends, and the slate is clean.
		c.advance(8_000 + 61_000);
		throttle.recordFailure('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
	});

	it('counts checks in flight against what is left of the allowance', () => {
		const c = clock();
		const throttle = new LoginThrottle(RULE, c.now);
		throttle.recordFailure('minh');
		throttle.begin('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
		throttle.begin('minh');
		expect(throttle.retryAfter('minh')).toBe(PENDING_WAIT_MS);
		throttle.end('minh');
		expect(throttle.retryAfter('minh')).toBe(0);
		throttle.end('minh');
		// Past the allowance, once a lock is over, one check at a time.
		throttle.recordFailure('minh');
		throttle.recordFailure('minh');
		c.advance(1_000);
		expect(throttle.retryAfter('minh')).toBe(0);
		throttle.begin('minh');
		expect(throttle.retryAfter('minh')).toBe(PENDING_WAIT_MS);
	});

	it('forgets a key whose checks all ended without a failure', () => {
		const throttle = new LoginThrottle(RULE, clock().now);
		throttle.begin('minh');
		throttle.end('minh');
		expect(throttle.size).toBe(0);
	});
});
