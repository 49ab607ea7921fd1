import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { createSession, generateSessionToken, type SessionPolicy, type SessionUser } from './sessions';
import { ADDRESS_RULE, LoginThrottle, USERNAME_RULE } from './throttle';

const byUsername = new LoginThrottle(USERNAME_RULE);
const byAddress = new LoginThrottle(ADDRESS_RULE);

export function normaliseUsername(raw: string): string {
	return raw.trim().toLowerCase();
}

export interface SignInResult {
	token: string;
	expiresAt: Date;
	user: SessionUser;
}

/**
 * Checks a username and password and opens a new session. Every outcome is audited. A wrong password, an
 * unknown user and a deactivated account all give the same answer in about the same time.
 */
export async function signIn(
	db: Db,
	input: { username: string; password: string; ip: string | null },
	policy: SessionPolicy
): Promise<SignInResult> {
	const username = normaliseUsername(input.username);
	const ipKey = input.ip ?? 'unknown';
	const wait = Math.max(byUsername.retryAfter(username), byAddress.retryAfter(ipKey));
	if (wait > 0) {
		audit(db, { actorId: null, action: 'auth.throttled', ip: input.ip, data: { username } });
		throw new AppError('too_many_attempts', 'too many failed sign-in attempts', { retryAfterSeconds: Math.ceil(wait / 1000) });
	}

	const user = db.select().from(users).where(eq(users.username, username)).get();
	const ok = user ? await verifyPassword(user.passwordHash, input.password) : await burnPasswordCheck(input.password);
	if (!user || !ok || !user.active) {
		byUsername.recordFailure(username);
		byAddress.recordFailure(ipKey);
		audit(db, {
			actorId: user?.id ?? null,
			action: 'auth.sign_in_failed',
			ip: input.ip,
			data: { username, reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' }
		});
		throw new AppError('invalid_credentials', 'wrong username or password');
	}

	byUsername.recordSuccess(username);
	const token = generateSessionToken();
	const session = db.transaction((tx) => {
		const s = createSession(tx, token, user.id, policy);
		audit(tx, { actorId: user.id, action: 'auth.sign_in', subjectType: 'user', subjectId: user.id, ip: input.ip });
		return s;
	});
	return {
		token,
		expiresAt: session.expiresAt,
		user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
	};
}
