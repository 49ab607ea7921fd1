import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { normaliseUsername } from '../auth/login';
import { checkPassword, passwordRefused, type PasswordClient } from '../auth/password-check';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../auth/passwords';
import { canGlobal, type Actor } from '../auth/policy';
import { invalidateUserSessions } from '../auth/sessions';
import type { ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { GLOBAL_ROLES, users, type GlobalRole } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import { identityText, parseInput } from '../validation';
import { sortByName } from '$lib/collation';

export interface PublicUser {
	id: string;
	username: string;
	displayName: string;
	role: GlobalRole;
	active: boolean;
	/** Where notices are e-mailed; shown to administrators and to the account's owner only. */
	email: string | null;
}

const publicColumns = { id: users.id, username: users.username, displayName: users.displayName, role: users.role, active: users.active, email: users.email };

/**
 * Optional: '' (an emptied form field) and null both clear it. A plain syntax check; whether mail arrives is the
 * mail server's answer, logged by the queue.
 */
const email = z
	.union([z.null(), z.string().trim().max(254)])
	.transform((v) => (v === '' ? null : v))
	.pipe(z.email().nullable());

const password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const username = z
	.string()
	.trim()
	.min(3)
	.max(64)
	.regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

export const createUserInput = z.object({
	username,
	displayName: identityText(120),
	password,
	role: z.enum(GLOBAL_ROLES).default('member'),
	email: email.default(null)
});
export const updateUserInput = z
	.object({ displayName: identityText(120), role: z.enum(GLOBAL_ROLES), active: z.boolean(), password, email })
	.partial();
export const changePasswordInput = z.object({ currentPassword: z.string().max(PASSWORD_MAX_LENGTH), newPassword: password });

function requireAdmin(actor: Actor): void {
	if (!canGlobal(actor, 'manage_users')) throw forbidden('only an administrator manages accounts');
}

export function listUsers(db: Db, actor: Actor): PublicUser[] {
	if (!canGlobal(actor, 'list_users')) throw forbidden();
	// The secretariat lists accounts to invite them; their addresses are for administrators (data minimisation).
	const admin = canGlobal(actor, 'manage_users');
	const rows = db.select(publicColumns).from(users).all().map((u) => (admin ? u : { ...u, email: null }));
	return sortByName(rows, (u) => u.id);
}

export function getUser(db: Db, actor: Actor, id: string): PublicUser {
	if (!canGlobal(actor, 'list_users') && actor.id !== id) throw notFound('user');
	const user = db.select(publicColumns).from(users).where(eq(users.id, id)).get();
	if (!user) throw notFound('user');
	return canGlobal(actor, 'manage_users') || actor.id === id ? user : { ...user, email: null };
}

export async function createUser(db: Db, ctx: ServiceCtx, raw: unknown): Promise<PublicUser> {
	requireAdmin(ctx.actor);
	const input = parseInput(createUserInput, raw);
	const name = normaliseUsername(input.username);
	const passwordHash = await hashPassword(input.password);
	const now = new Date();
	const id = newId();
	return db.transaction((tx) => {
		if (tx.select({ id: users.id }).from(users).where(eq(users.username, name)).get()) {
			throw new AppError('username_taken', 'that username is taken');
		}
		tx.insert(users).values({ id, username: name, displayName: input.displayName, role: input.role, passwordHash, active: true, email: input.email, updatedAt: now }).run();
		audit(tx, { actorId: ctx.actor.id, action: 'user.create', subjectType: 'user', subjectId: id, ip: ctx.ip, data: { username: name, role: input.role, ...(input.email ? { email: true } : {}) } });
		return { id, username: name, displayName: input.displayName, role: input.role, active: true, email: input.email };
	});
}

export async function updateUser(db: Db, ctx: ServiceCtx, id: string, raw: unknown): Promise<PublicUser> {
	requireAdmin(ctx.actor);
	const input = parseInput(updateUserInput, raw);
	const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
	const updated = db.transaction((tx) => {
		const existing = tx.select(publicColumns).from(users).where(eq(users.id, id)).get();
		if (!existing) throw notFound('user');
		if (id === ctx.actor.id && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
			// An administrator locking themselves out leaves nobody to undo it.
			throw new AppError('conflict', 'you cannot deactivate or demote your own account');
		}
		const { password: _password, ...fields } = input;
		tx.update(users)
			.set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date() })
			.where(eq(users.id, id))
			.run();
		if (passwordHash || input.active === false) invalidateUserSessions(tx, id);
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'user.update',
			subjectType: 'user',
			subjectId: id,
			ip: ctx.ip,
			// Whether the address changed, not the address: the audit log is read by the whole secretariat.
			data: { ...fields, ...(fields.email !== undefined ? { email: fields.email !== null } : {}), passwordReset: passwordHash !== undefined }
		});
		return { user: { ...existing, ...fields }, roleChanged: input.role !== undefined && input.role !== existing.role };
	});
	// A new role changes what they may open; a deactivated account or a reset password ends their sessions, and
	// with them the sockets those sessions opened.
	if (passwordHash || input.active === false || updated.roleChanged) ctx.events.userAccessChanged([id]);
	return updated.user;
}

/**
 * A user changing their own password: every other session of theirs ends, this one stays. The current password is
 * checked behind the same guard as sign-in (auth/password-check.ts): a session left open on a tablet is not a
 * way to guess it.
 */
export async function changeOwnPassword(db: Db, ctx: Pick<ServiceCtx, 'actor' | 'events'> & { sessionId: string; client: PasswordClient }, raw: unknown): Promise<void> {
	const input = parseInput(changePasswordInput, raw);
	const ip = ctx.client.address;
	const row = db.select({ username: users.username, passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.actor.id)).get();
	if (!row) throw new AppError('wrong_password', 'the current password is wrong');
	const check = await checkPassword(row.username, ctx.client, () => verifyPassword(row.passwordHash, input.currentPassword));
	if (check.outcome !== 'passed') {
		const reason = check.outcome === 'throttled' ? 'throttled' : 'wrong_password';
		audit(db, { actorId: ctx.actor.id, action: 'user.change_password_refused', subjectType: 'user', subjectId: ctx.actor.id, ip, data: { reason } });
		throw passwordRefused(check);
	}
	const passwordHash = await hashPassword(input.newPassword);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, ctx.actor.id)).run();
		invalidateUserSessions(tx, ctx.actor.id, ctx.sessionId);
		audit(tx, { actorId: ctx.actor.id, action: 'user.change_password', subjectType: 'user', subjectId: ctx.actor.id, ip });
	});
	// The other sessions' sockets go too (this tablet's reconnect at once, its session is still valid).
	ctx.events.userAccessChanged([ctx.actor.id]);
}
