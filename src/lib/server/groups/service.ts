import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { foldName } from '$lib/participants/invite-list';
import { audit } from '../audit';
import { canGlobal, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { userGroupMembers, userGroups, users, type UserGroup } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import { identityText, parseInput, trimmed } from '../validation';

/**
 * Groups of users ("Thành viên UBND tỉnh"): kept by the administrator, listed by the secretariat, who invites a
 * whole group to a meeting in one step (meetings/group-invite.ts). A group is a convenience for inviting, never
 * a permission: membership gives access to nothing by itself.
 */

/** A chair is named one meeting at a time, never by a group: the roles a group may give are these. */
export const GROUP_ROLES = ['delegate', 'observer'] as const;

export const groupInput = z
	.object({
		name: identityText(120),
		description: trimmed(500).optional(),
		defaultRole: z.enum(GROUP_ROLES).optional(),
		defaultCanVote: z.boolean().optional()
	})
	.strict();
export const groupMembersInput = z.object({ userIds: z.array(z.string().min(1).max(64)).max(1000) }).strict();

export interface GroupMember {
	id: string;
	username: string;
	displayName: string;
	active: boolean;
}

export interface GroupView {
	id: string;
	name: string;
	description: string;
	defaultRole: (typeof GROUP_ROLES)[number];
	defaultCanVote: boolean;
	members: GroupMember[];
}

const collator = new Intl.Collator('vi');

function requireAdmin(actor: Actor): void {
	if (!canGlobal(actor, 'manage_users')) throw forbidden('only an administrator manages groups');
}

function requireLister(actor: Actor): void {
	// The secretariat lists groups to invite them, as it lists users.
	if (!canGlobal(actor, 'list_users')) throw forbidden();
}

function viewOf(db: Queryable, group: UserGroup): GroupView {
	const members = db
		.select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active })
		.from(userGroupMembers)
		.innerJoin(users, eq(users.id, userGroupMembers.userId))
		.where(eq(userGroupMembers.groupId, group.id))
		.all()
		.sort((a, b) => collator.compare(a.displayName, b.displayName));
	return {
		id: group.id,
		name: group.name,
		description: group.description,
		defaultRole: group.defaultRole === 'observer' ? 'observer' : 'delegate',
		defaultCanVote: group.defaultRole === 'observer' ? false : group.defaultCanVote,
		members
	};
}

export function listGroups(db: Queryable, actor: Actor): GroupView[] {
	requireLister(actor);
	return db
		.select()
		.from(userGroups)
		.orderBy(asc(userGroups.name))
		.all()
		.sort((a, b) => collator.compare(a.name, b.name))
		.map((g) => viewOf(db, g));
}

export function getGroup(db: Queryable, actor: Actor, groupId: string): GroupView {
	requireLister(actor);
	return viewOf(db, requireGroup(db, groupId));
}

function requireGroup(db: Queryable, groupId: string): UserGroup {
	const group = db.select().from(userGroups).where(eq(userGroups.id, groupId)).get();
	if (!group) throw notFound('group');
	return group;
}

/** Names are unique regardless of accents and case: "Thanh vien UBND" and "Thành viên UBND" are one group. */
function requireFreeName(db: Queryable, name: string, except?: string): void {
	const folded = foldName(name);
	const clash = db
		.select({ id: userGroups.id, name: userGroups.name })
		.from(userGroups)
		.all()
		.find((g) => g.id !== except && foldName(g.name) === folded);
	if (clash) throw new AppError('group_name_taken', 'a group with that name exists', { fields: [{ path: 'name', message: 'taken' }] });
}

export function createGroup(db: Db, ctx: ServiceCtx, raw: unknown, now = new Date()): GroupView {
	requireAdmin(ctx.actor);
	const input = parseInput(groupInput, raw);
	const id = newId();
	return db.transaction((tx) => {
		requireFreeName(tx, input.name);
		const role = input.defaultRole ?? 'delegate';
		tx.insert(userGroups)
			.values({
				id,
				name: input.name,
				description: input.description ?? '',
				defaultRole: role,
				defaultCanVote: role === 'observer' ? false : (input.defaultCanVote ?? true),
				createdAt: now,
				updatedAt: now
			})
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'group.create', subjectType: 'group', subjectId: id, ip: ctx.ip, data: { name: input.name, defaultRole: role } });
		return viewOf(tx, requireGroup(tx, id));
	});
}

export function updateGroup(db: Db, ctx: ServiceCtx, groupId: string, raw: unknown, now = new Date()): GroupView {
	requireAdmin(ctx.actor);
	const input = parseInput(groupInput.partial(), raw);
	return db.transaction((tx) => {
		const group = requireGroup(tx, groupId);
		if (input.name !== undefined) requireFreeName(tx, input.name, groupId);
		const role = input.defaultRole ?? (group.defaultRole === 'observer' ? 'observer' : 'delegate');
		const change = {
			name: input.name ?? group.name,
			description: input.description ?? group.description,
			defaultRole: role,
			defaultCanVote: role === 'observer' ? false : (input.defaultCanVote ?? group.defaultCanVote),
			updatedAt: now
		};
		tx.update(userGroups).set(change).where(eq(userGroups.id, groupId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'group.update', subjectType: 'group', subjectId: groupId, ip: ctx.ip, data: { ...input } });
		return viewOf(tx, requireGroup(tx, groupId));
	});
}

export function deleteGroup(db: Db, ctx: ServiceCtx, groupId: string): void {
	requireAdmin(ctx.actor);
	db.transaction((tx) => {
		const group = requireGroup(tx, groupId);
		tx.delete(userGroups).where(eq(userGroups.id, groupId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'group.delete', subjectType: 'group', subjectId: groupId, ip: ctx.ip, data: { name: group.name } });
	});
}

/** Replaces the members with exactly `userIds` (existing accounts); audited with who joined and who left. */
export function setGroupMembers(db: Db, ctx: ServiceCtx, groupId: string, raw: unknown, now = new Date()): GroupView {
	requireAdmin(ctx.actor);
	const input = parseInput(groupMembersInput, raw);
	const wanted = [...new Set(input.userIds)];
	return db.transaction((tx) => {
		requireGroup(tx, groupId);
		const known = wanted.length === 0 ? [] : tx.select({ id: users.id }).from(users).where(inArray(users.id, wanted)).all();
		if (known.length !== wanted.length) {
			throw new AppError('validation_failed', 'unknown user id', { fields: [{ path: 'userIds', message: 'every id must be a user' }] });
		}
		const before = tx.select({ userId: userGroupMembers.userId }).from(userGroupMembers).where(eq(userGroupMembers.groupId, groupId)).all().map((r) => r.userId);
		const added = wanted.filter((id) => !before.includes(id));
		const removed = before.filter((id) => !wanted.includes(id));
		if (removed.length > 0) {
			tx.delete(userGroupMembers)
				.where(and(eq(userGroupMembers.groupId, groupId), inArray(userGroupMembers.userId, removed)))
				.run();
		}
		for (const userId of added) tx.insert(userGroupMembers).values({ groupId, userId, createdAt: now }).run();
		if (added.length + removed.length > 0) {
			tx.update(userGroups).set({ updatedAt: now }).where(eq(userGroups.id, groupId)).run();
			audit(tx, { actorId: ctx.actor.id, action: 'group.members', subjectType: 'group', subjectId: groupId, ip: ctx.ip, data: { added, removed } });
		}
		return viewOf(tx, requireGroup(tx, groupId));
	});
}
