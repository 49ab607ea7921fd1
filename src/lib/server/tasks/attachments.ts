import { asc, eq } from 'drizzle-orm';
import fs from 'node:fs';
import type { TaskAttachment } from '$lib/tasks/types';
import { audit } from '../audit';
import type { Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { taskAttachments, tasks, users } from '../db/schema';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { ATTACHMENT_HEAD_BYTES, attachmentKind, MEDIA_TYPES, type AttachmentKind } from '../documents/attachment-kind';
import { storeOf, type StoreOptions } from '../documents/files';
import { blobPath, ensureStore, fsyncFile, placeFile, removeIfUnreferenced, tempPath } from '../documents/storage';
import { checkDeclaredLength, receiveFile, type HeadCheck, type UploadBody } from '../documents/upload';
import { requireTask } from './access';

export function listAttachments(db: Queryable, taskId: string): TaskAttachment[] {
	return db
		.select({ a: taskAttachments, displayName: users.displayName })
		.from(taskAttachments)
		.innerJoin(users, eq(users.id, taskAttachments.uploadedBy))
		.where(eq(taskAttachments.taskId, taskId))
		.orderBy(asc(taskAttachments.createdAt))
		.all()
		.map(({ a, displayName }) => ({
			id: a.id,
			filename: a.filename,
			kind: a.kind,
			sizeBytes: a.sizeBytes,
			uploadedBy: { id: a.uploadedBy, displayName },
			createdAt: a.createdAt.toISOString()
		}));
}

/** PDF and office files, by name and first bytes together (documents/attachment-kind.ts). */
const ATTACHMENT_HEAD: HeadCheck = {
	window: ATTACHMENT_HEAD_BYTES,
	judge: (head, filename, complete) => attachmentKind(head, filename, complete),
	refusal: () => new AppError('unsupported_media_type', 'attach a PDF or an office file (docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt) whose content matches its name')
};

/**
 * `POST /api/v1/tasks/:id/attachments` (multipart, field `file`): the same receiving code as documents (size
 * capped by MAX_UPLOAD_MB, streamed to a temporary file, hashed on the way), the same content-addressed store.
 * Access is checked before a byte of the body is read.
 */
export async function uploadAttachment(db: Db, ctx: ServiceCtx, taskId: string, request: Request, body: UploadBody, options: StoreOptions = {}): Promise<TaskAttachment> {
	const store = storeOf(options);
	requireTask(db, ctx.actor, taskId, 'report');
	checkDeclaredLength(body, body.limits);
	await ensureStore(store);
	const received = await receiveFile(request, body, tempPath(store), body.limits, ATTACHMENT_HEAD);
	try {
		await fsyncFile(received.tmpFile);
		const { created } = placeFile(store, received.tmpFile, received.sha256, received.sizeBytes);
		const id = newId();
		try {
			db.transaction((tx) => {
				// Judged again: the task may have been given to someone else during a long upload.
				const { task } = requireTask(tx, ctx.actor, taskId, 'report');
				const now = new Date();
				tx.insert(taskAttachments)
					.values({ id, taskId, filename: received.filename, kind: received.kind, sha256: received.sha256, sizeBytes: received.sizeBytes, uploadedBy: ctx.actor.id, createdAt: now })
					.run();
				tx.update(tasks).set({ updatedAt: now }).where(eq(tasks.id, taskId)).run();
				audit(tx, {
					actorId: ctx.actor.id,
					action: 'task.attach',
					subjectType: 'task',
					subjectId: taskId,
					ip: ctx.ip,
					data: { meetingId: task.meetingId, attachmentId: id, filename: received.filename, kind: received.kind, sha256: received.sha256, sizeBytes: received.sizeBytes }
				});
			});
		} catch (e) {
			if (created) removeIfUnreferenced(db, store, received.sha256);
			throw e;
		}
		return listAttachments(db, taskId).find((a) => a.id === id)!;
	} finally {
		await fs.promises.rm(received.tmpFile, { force: true });
	}
}

/** The stored file of an attachment the actor may see, with what to call it. */
export function attachmentFile(db: Queryable, actor: Actor, taskId: string, attachmentId: string, options: StoreOptions = {}) {
	requireTask(db, actor, taskId, 'view');
	const row = db.select().from(taskAttachments).where(eq(taskAttachments.id, attachmentId)).get();
	if (!row || row.taskId !== taskId) throw notFound('attachment');
	const kind = row.kind as AttachmentKind;
	return { path: blobPath(storeOf(options), row.sha256), filename: row.filename, mediaType: MEDIA_TYPES[kind] ?? 'application/octet-stream', sizeBytes: row.sizeBytes };
}
