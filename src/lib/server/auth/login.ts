import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { checkPassword, deviceCookieAfterSignIn, tooManyAttempts, type PasswordClient } from './password-check';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { createSession, generateSessionToken, type SessionPolicy, type SessionUser } from './sessions';

export function normaliseUsername(raw: string): string {
	return raw.trim().toLowerCase();
}

export interface SignInResult {
	token: string;
	expiresAt: Date;
	user: SessionUser;
	/** The device cookie's new value: this browser is now trusted for this user. */
	deviceCookie: string;
}

/**
 * Checks a username and password and opens a new session. Every outcome is audited. A wrong password, an
 * unknown user and a deactivated account all give the same answer in about the same time, and all count as a
 * failure for the guard (`password-check.ts`).
 */
export async function signIn(
	db: Db,
	input: { username: string; password: string; client: PasswordClient },
	policy: SessionPolicy
): Promise<SignInResult> {
	const username = normaliseUsername(input.username);
	const ip = input.client.address;
	const user = db.select().from(users).where(eq(users.username, username)).get();
	const seen = { passwordRight: false };
	const check = await checkPassword(username, input.client, async () => {
		if (!user) return burnPasswordCheck(input.password);
		seen.passwordRight = await verifyPassword(user.passwordHash, input.password);
		return seen.passwordRight && user.active;
	});
	if (check.outcome === 'throttled') {
		audit(db, { actorId: null, action: 'auth.throttled', ip, data: { username } });
		throw tooManyAttempts(check.retryAfterSeconds);
	}
	if (check.outcome === 'failed' || !user) {
		audit(db, {
			actorId: user?.id ?? null,
			action: 'auth.sign_in_failed',
			ip,
			data: { username, reason: !user ? 'unknown_user' : !seen.passwordRight ? 'wrong_password' : 'inactive', trustedDevice: check.trusted }
		});
		throw new AppError('invalid_credentials', 'wrong username or password');
	}

	const token = generateSessionToken();
	const session = db.transaction((tx) => {
		const s = createSession(tx, token, user.id, policy);
		audit(tx, { actorId: user.id, action: 'auth.sign_in', subjectType: 'user', subjectId: user.id, ip });
		return s;
	});
	return {
		token,
		expiresAt: session.expiresAt,
		user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
		deviceCookie: deviceCookieAfterSignIn(input.client, user.username)
	};
}
