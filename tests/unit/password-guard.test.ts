import { describe, expect, it } from 'vitest';
import { GUARD_RULES, PasswordGuard, type Attempt, type GuardRules } from '$lib/server/auth/password-guard';
import { PENDING_WAIT_MS } from '$lib/server/auth/throttle';

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

// Small numbers so each row reads at a glance: a device may fail 3 times, an account at an address 2, an address 5.
const RULES: GuardRules = {
	device: { freeAttempts: 3, windowMs: 60_000, baseLockMs: 1_000, maxLockMs: 8_000 },
	account: { freeAttempts: 2, windowMs: 60_000, baseLockMs: 1_000, maxLockMs: 8_000 },
	address: { freeAttempts: 5, windowMs: 60_000, baseLockMs: 2_000, maxLockMs: 8_000 }
};

const HALL = '10.0.0.1';
const OFFICE = '10.0.0.2';
const at = (username: string, address: string | null, device: string | null = null): Attempt => ({ username, address, device });
const fail = (attempt: Attempt, times = 1) => Array.from({ length: times }, () => ({ attempt, passed: false }));
const pass = (attempt: Attempt) => [{ attempt, passed: true }];
const wait = (ms: number) => [{ wait: ms }];

type Step = { attempt: Attempt; passed: boolean } | { wait: number };
type Verdict = 'trusted' | 'untrusted' | number;

/** Plays the steps (each admitted attempt settled at once, a refused one skipped), then judges `probe`. */
function verdictAfter(steps: Step[], probe: Attempt, rules = RULES): Verdict {
	const c = clock();
	const guard = new PasswordGuard(rules, c.now);
	for (const step of steps) {
		if ('wait' in step) {
			c.advance(step.wait);
			continue;
		}
		const admission = guard.admit(step.attempt);
		if (admission.admitted) admission.settle(step.passed);
	}
	const admission = guard.admit(probe);
	if (!admission.admitted) return admission.retryAfterMs;
	return admission.trusted ? 'trusted' : 'untrusted';
}

describe('PasswordGuard: who may try a password now', () => {
	const cases: { name: string; steps: Step[]; probe: Attempt; expected: Verdict }[] = [
		{ name: 'a first attempt without a device cookie is untrusted', steps: [], probe: at('chair', HALL), expected: 'untrusted' },
		{ name: 'a first attempt with a device cookie is trusted', steps: [], probe: at('chair', HALL, 'tablet'), expected: 'trusted' },
		{ name: 'untrusted failures under the allowance leave the account open', steps: fail(at('chair', HALL)), probe: at('chair', HALL), expected: 'untrusted' },
		{ name: 'untrusted failures lock that username at that address', steps: fail(at('chair', HALL), 2), probe: at('chair', HALL), expected: 1_000 },
		{ name: '…and the lock doubles with each failure after it', steps: [...fail(at('chair', HALL), 2), ...wait(1_000), ...fail(at('chair', HALL))], probe: at('chair', HALL), expected: 2_000 },
		{ name: '…but not that username from another address', steps: fail(at('chair', HALL), 5), probe: at('chair', OFFICE), expected: 'untrusted' },
		{ name: '…nor the user’s own device at that address', steps: fail(at('chair', HALL), 5), probe: at('chair', HALL, 'tablet'), expected: 'trusted' },
		{ name: '…nor another username at that address', steps: fail(at('chair', HALL), 2), probe: at('delegate1', HALL), expected: 'untrusted' },
		{ name: 'a lock is over when its time is', steps: [...fail(at('chair', HALL), 2), ...wait(1_000)], probe: at('chair', HALL), expected: 'untrusted' },
		{ name: 'a trusted device’s own failures, under its allowance, keep it trusted', steps: fail(at('chair', HALL, 'tablet'), 2), probe: at('chair', HALL, 'tablet'), expected: 'trusted' },
		{ name: 'a device past its allowance is judged as untrusted', steps: fail(at('chair', HALL, 'tablet'), 3), probe: at('chair', HALL, 'tablet'), expected: 'untrusted' },
		{
			name: '…and is refused when untrusted attempts there are locked too',
			steps: [...fail(at('chair', HALL, 'tablet'), 3), ...fail(at('chair', HALL), 2)],
			probe: at('chair', HALL, 'tablet'),
			expected: 1_000
		},
		{ name: 'one device’s lock-out is not another’s', steps: fail(at('chair', HALL, 'stolen'), 6), probe: at('chair', HALL, 'tablet'), expected: 'trusted' },
		{
			name: 'trusted failures count neither for the account at the address nor for the address',
			steps: ['a', 'b', 'c', 'd', 'e'].flatMap((device) => fail(at(`user-${device}`, HALL, device), 2)),
			probe: at('chair', HALL),
			expected: 'untrusted'
		},
		{
			name: 'untrusted failures over many usernames lock the address (a spray)',
			steps: ['a', 'b', 'c', 'd', 'e'].flatMap((name) => fail(at(name, HALL))),
			probe: at('f', HALL),
			expected: 2_000
		},
		{ name: '…but not other addresses', steps: ['a', 'b', 'c', 'd', 'e'].flatMap((name) => fail(at(name, HALL))), probe: at('f', OFFICE), expected: 'untrusted' },
		{ name: '…nor trusted devices behind it', steps: ['a', 'b', 'c', 'd', 'e'].flatMap((name) => fail(at(name, HALL))), probe: at('f', HALL, 'tablet'), expected: 'trusted' },
		{
			name: 'a success clears the account at the address',
			steps: [...fail(at('chair', HALL)), ...pass(at('chair', HALL)), ...fail(at('chair', HALL))],
			probe: at('chair', HALL),
			expected: 'untrusted'
		},
		{
			name: 'a success does not clear the address: an attacker’s own account resets nothing',
			steps: [...['a', 'b', 'c', 'd'].flatMap((name) => fail(at(name, HALL))), ...pass(at('mine', HALL)), ...fail(at('e', HALL))],
			probe: at('f', HALL),
			expected: 2_000
		},
		{
			name: 'a trusted success clears the device’s count',
			steps: [...fail(at('chair', HALL, 'tablet'), 2), ...pass(at('chair', HALL, 'tablet')), ...fail(at('chair', HALL, 'tablet'), 2)],
			probe: at('chair', HALL, 'tablet'),
			expected: 'trusted'
		},
		{ name: 'failures older than the window are forgotten', steps: [...fail(at('chair', HALL)), ...wait(61_000), ...fail(at('chair', HALL))], probe: at('chair', HALL), expected: 'untrusted' },
		{
			name: 'IPv6 addresses of one /64 count as one address',
			steps: fail(at('chair', '2001:db8:1:2::a'), 2),
			probe: at('chair', '2001:db8:1:2:ffff::b'),
			expected: 1_000
		},
		{ name: 'an IPv4 client seen through a dual-stack socket is itself', steps: fail(at('chair', '::ffff:10.0.0.1'), 2), probe: at('chair', HALL), expected: 1_000 }
	];

	it.each(cases)('$name', ({ steps, probe, expected }) => {
		expect(verdictAfter(steps, probe)).toBe(expected);
	});
});

describe('PasswordGuard: checks in flight', () => {
	it('admits no more parallel untrusted checks than failures are left, and the rest briefly wait', () => {
		const guard = new PasswordGuard(RULES, clock().now);
		const first = guard.admit(at('chair', HALL));
		const second = guard.admit(at('chair', HALL));
		expect([first.admitted, second.admitted]).toEqual([true, true]);
		expect(guard.admit(at('chair', HALL))).toEqual({ admitted: false, retryAfterMs: PENDING_WAIT_MS });
		// The user's own tablet is not held up by them.
		expect(guard.admit(at('chair', HALL, 'tablet')).admitted).toBe(true);
		if (first.admitted) first.settle(false);
		if (second.admitted) second.settle(false);
		expect(guard.admit(at('chair', HALL))).toEqual({ admitted: false, retryAfterMs: 1_000 });
	});

	it('counts a settle once, however often it is called', () => {
		const guard = new PasswordGuard(RULES, clock().now);
		const admission = guard.admit(at('chair', HALL));
		if (!admission.admitted) throw new Error('not admitted');
		admission.settle(false);
		admission.settle(false);
		expect(guard.admit(at('chair', HALL)).admitted).toBe(true);
	});

	it('applies to a device too: a burst from one stolen cookie gets its allowance, not more', () => {
		const guard = new PasswordGuard(RULES, clock().now);
		const burst = Array.from({ length: 6 }, () => guard.admit(at('chair', OFFICE, 'stolen')));
		expect(burst.map((a) => (a.admitted ? (a.trusted ? 'trusted' : 'untrusted') : 'wait'))).toEqual(['trusted', 'trusted', 'trusted', 'untrusted', 'untrusted', 'wait']);
	});
});

describe('PasswordGuard with the real rules', () => {
	it('lets a hall of 500 tablets sign in within ten minutes, every one mistyping once', () => {
		const c = clock();
		const guard = new PasswordGuard(GUARD_RULES, c.now);
		const refused: string[] = [];
		for (let i = 0; i < 500; i++) {
			c.advance(1_200);
			for (const passed of [false, true]) {
				const admission = guard.admit(at(`delegate${i}`, HALL));
				if (admission.admitted) admission.settle(passed);
				else refused.push(`delegate${i}`);
			}
		}
		expect(refused).toEqual([]);
	});

	it('stops one address spraying a password over the directory, and only that address', () => {
		const c = clock();
		const guard = new PasswordGuard(GUARD_RULES, c.now);
		let guesses = 0;
		for (let i = 0; i < 2_000; i++) {
			c.advance(100);
			const admission = guard.admit(at(`user${i}`, HALL));
			if (!admission.admitted) continue;
			guesses += 1;
			admission.settle(false);
		}
		// 600 in the first minute, one when the minute's lock ends, then a lock of two minutes: 200 s in all.
		expect(guesses).toBe(GUARD_RULES.address.freeAttempts + 1);
		expect(guard.admit(at('someone', HALL)).admitted).toBe(false);
		expect(guard.admit(at('someone', OFFICE)).admitted).toBe(true);
		expect(guard.admit(at('chair', HALL, 'chair-tablet'))).toMatchObject({ admitted: true, trusted: true });
	});

	it('gives a guesser of one account five tries per address, then waits of 30 s doubling to 15 min', () => {
		const c = clock();
		const guard = new PasswordGuard(GUARD_RULES, c.now);
		const waits: number[] = [];
		let guesses = 0;
		while (waits.length < 8) {
			const admission = guard.admit(at('chair', HALL));
			if (admission.admitted) {
				guesses += 1;
				admission.settle(false);
			} else {
				waits.push(admission.retryAfterMs);
				c.advance(admission.retryAfterMs);
			}
		}
		expect(guesses).toBe(12);
		expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
	});
});
