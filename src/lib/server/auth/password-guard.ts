import { addressKey } from './address-key';
import { LoginThrottle, type ThrottleRule } from './throttle';

/**
 * Who may try a password now: the device-cookie scheme of OWASP's "Slow Down Online Guessing Attacks with Device
 * Cookies" (https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies; see also the
 * Authentication Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html,
 * "Account Lockout"), with the untrusted lock-out narrowed to one address.
 *
 * - A **trusted** attempt carries a valid device cookie for that username (`device-cookie.ts`): it is judged by
 *   that device's own failures only. Nobody else's failures can lock it; its own lock-out (after
 *   `device.freeAttempts`) only makes it untrusted, as the scheme says.
 * - An **untrusted** attempt is judged by its username at its address and by its address. A guesser locks out
 *   untrusted attempts on that account from where they stand (behind a meeting room's NAT: that room), never the
 *   user's known devices, and never the account from anywhere else.
 * - The address limit counts untrusted failures only, and is generous: a hall of tablets behind one NAT signing
 *   in at once, some mistyping, stays far below it; one address spraying a password over many accounts does not.
 *
 * Successes clear the device's or the username-at-address count, never the address's: an attacker's own account
 * must not reset the count of their spraying. Counters are in memory (see `throttle.ts`).
 */
export interface GuardRules {
	device: ThrottleRule;
	account: ThrottleRule;
	address: ThrottleRule;
}

const MINUTE = 60_000;
export const GUARD_RULES: GuardRules = {
	// The user's own tablet: room for a bad morning, and still a wall for someone holding the tablet.
	device: { freeAttempts: 10, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE },
	// The handful per account it always was, now per account and address: a guesser locks only where they stand.
	account: { freeAttempts: 5, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE },
	// A hall of 500 tablets signing in within ten minutes where every one of them mistypes once is 500 failures
	// (so is a 1,500-seat hall where a third do): still below. One address spraying a password over the directory
	// gets 600 guesses, then one per lock (a minute, doubling up to 15).
	address: { freeAttempts: 600, windowMs: 15 * MINUTE, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE }
};

export interface Attempt {
	/** Normalised (lower-case). */
	username: string;
	address: string | null;
	/** The nonce of a device cookie already verified for this username, or null. */
	device: string | null;
}

export type Admission =
	| { admitted: false; retryAfterMs: number }
	| {
			admitted: true;
			trusted: boolean;
			/** Call exactly once, when the check is over. */
			settle: (passed: boolean) => void;
	  };

export class PasswordGuard {
	readonly #device: LoginThrottle;
	readonly #account: LoginThrottle;
	readonly #address: LoginThrottle;

	constructor(rules: GuardRules = GUARD_RULES, now: () => number = Date.now) {
		this.#device = new LoginThrottle(rules.device, now);
		this.#account = new LoginThrottle(rules.account, now);
		this.#address = new LoginThrottle(rules.address, now);
	}

	/** Admits the attempt (and counts it as in flight) or says how long to wait. */
	admit(attempt: Attempt): Admission {
		const device = attempt.device;
		if (device !== null && this.#device.retryAfter(device) === 0) {
			this.#device.begin(device);
			return {
				admitted: true,
				trusted: true,
				settle: once((passed) => {
					this.#device.end(device);
					if (passed) this.#device.recordSuccess(device);
					else this.#device.recordFailure(device);
				})
			};
		}

		const address = addressKey(attempt.address);
		// A username cannot contain a newline, so no two (username, address) pairs share a key.
		const account = `${attempt.username}\n${address}`;
		const wait = Math.max(this.#account.retryAfter(account), this.#address.retryAfter(address));
		if (wait > 0) return { admitted: false, retryAfterMs: wait };
		this.#account.begin(account);
		this.#address.begin(address);
		return {
			admitted: true,
			trusted: false,
			settle: once((passed) => {
				this.#account.end(account);
				this.#address.end(address);
				if (passed) {
					this.#account.recordSuccess(account);
				} else {
					this.#account.recordFailure(account);
					this.#address.recordFailure(address);
				}
			})
		};
	}
}

function once(settle: (passed: boolean) => void): (passed: boolean) => void {
	let done = false;
	return (passed) => {
		if (done) return;
		done = true;
		settle(passed);
	};
}
