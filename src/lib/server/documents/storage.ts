import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { sha256Hex } from '../archive/canonical';
import { archiveRecords, documents, taskAttachments } from '../db/schema';

/**
 * PDF bytes on disk, content-addressed: DATA_DIR/files/<sha256 hex>. Uploads are written under files/tmp, then
 * fsynced and renamed into place, so a stored name always holds complete bytes. The invariant, kept across
 * crashes: no row without its file. Files without a row (a crash between rename and insert, or between delete
 * and unlink) and leftovers in tmp are removed by `sweepFiles` at start.
 *
 * Placing or removing a file and the matching row change happen in one synchronous stretch (no await between),
 * so a concurrent upload of the same bytes can never see the file, then lose it to a delete, then insert a row.
 */
export interface FileStore {
	root: string;
	tmp: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function fileStore(filesDir: string): FileStore {
	return { root: filesDir, tmp: path.join(filesDir, 'tmp') };
}

/** Creates files/ and files/tmp if missing (first upload, fresh DATA_DIR). */
export async function ensureStore(store: FileStore): Promise<void> {
	await fs.promises.mkdir(store.tmp, { recursive: true, mode: 0o700 });
}

export function blobPath(store: FileStore, sha256: string): string {
	// The name comes from our own hash, but a path built from anything else must never escape the store.
	if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
	return path.join(store.root, sha256);
}

/** A fresh, exclusive temp file name under files/tmp. */
export function tempPath(store: FileStore): string {
	return path.join(store.tmp, `${randomUUID()}.part`);
}

/** Forces a written file's bytes to disk before it gets its permanent name. */
export async function fsyncFile(file: string): Promise<void> {
	const handle = await fs.promises.open(file, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Makes a rename or unlink in `dir` durable: the directory entry itself is flushed. */
export function fsyncDir(dir: string): void {
	const fd = fs.openSync(dir, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Moves a complete, fsynced temp file to its content address. If those bytes are already stored (the same PDF
 * attached twice), the stored copy is kept and the temp file dropped. Synchronous on purpose; see above.
 * Returns whether this call created the stored file, so a failed insert can undo exactly that.
 */
export function placeFile(store: FileStore, tmpFile: string, sha256: string, sizeBytes: number): { created: boolean } {
	const target = blobPath(store, sha256);
	const existing = statOrNull(target);
	if (existing && existing.size === sizeBytes) {
		fs.rmSync(tmpFile, { force: true });
		return { created: false };
	}
	// A stored file of the wrong size cannot be ours (the name is the hash of the bytes): replace it.
	fs.renameSync(tmpFile, target);
	fsyncDir(store.root);
	return { created: true };
}

/** Deletes a stored file once no document row (nor archive record, nor task attachment) names it any more. Synchronous on purpose; see above. */
export function removeIfUnreferenced(db: Queryable, store: FileStore, sha256: string): boolean {
	const stillUsed =
		db.select({ id: documents.id }).from(documents).where(eq(documents.sha256, sha256)).limit(1).get() ??
		db.select({ seq: archiveRecords.seq }).from(archiveRecords).where(eq(archiveRecords.pdfSha256, sha256)).limit(1).get() ??
		db.select({ id: taskAttachments.id }).from(taskAttachments).where(eq(taskAttachments.sha256, sha256)).limit(1).get();
	if (stillUsed) return false;
	fs.rmSync(blobPath(store, sha256), { force: true });
	fsyncDir(store.root);
	return true;
}

export interface SweepReport {
	tmpRemoved: number;
	orphansRemoved: number;
	/** Rows whose file is gone (someone deleted files by hand): reported, since nothing here can restore them. */
	missing: string[];
}

/**
 * Run at start, before any request: nothing can be uploading yet, so everything in tmp is a leftover of a
 * crash, and every stored file without a row is an orphan. Files whose names are not a sha256 are left alone.
 */
export function sweepFiles(db: Queryable, store: FileStore): SweepReport {
	fs.mkdirSync(store.tmp, { recursive: true, mode: 0o700 });
	let tmpRemoved = 0;
	for (const name of fs.readdirSync(store.tmp)) {
		fs.rmSync(path.join(store.tmp, name), { recursive: true, force: true });
		tmpRemoved++;
	}
	// Documents, the archived minutes PDFs and the tasks' attachments share the store.
	const referenced = new Set([
		...db
			.selectDistinct({ sha256: taskAttachments.sha256 })
			.from(taskAttachments)
			.all()
			.map((r) => r.sha256),
		...db
			.selectDistinct({ sha256: documents.sha256 })
			.from(documents)
			.all()
			.map((r) => r.sha256),
		...db
			.select({ sha256: archiveRecords.pdfSha256 })
			.from(archiveRecords)
			.all()
			.map((r) => r.sha256)
	]);
	let orphansRemoved = 0;
	const present = new Set<string>();
	for (const name of fs.readdirSync(store.root)) {
		if (!SHA256_HEX.test(name)) continue;
		present.add(name);
		if (!referenced.has(name)) {
			fs.rmSync(path.join(store.root, name), { force: true });
			orphansRemoved++;
		}
	}
	if (tmpRemoved + orphansRemoved > 0) fsyncDir(store.root);
	const missing = [...referenced].filter((sha) => !present.has(sha));
	return { tmpRemoved, orphansRemoved, missing };
}

/** Opens a stored file for reading; done before any header is sent, so a missing file is still a clean error. */
export async function openStoredFile(store: FileStore, sha256: string): Promise<FileHandle> {
	return fs.promises.open(blobPath(store, sha256), 'r');
}

const READ_CHUNK = 64 * 1024;

/**
 * A web stream of the bytes of each span in turn, read from `handle` only as fast as the client takes them
 * (`pull`), so serving a 50 MB file to a slow tablet holds about one chunk in memory. `between` supplies the
 * bytes sent before each span and after the last one (the multipart/byteranges framing). Closes the handle at
 * the end or when the client goes away.
 */
export function streamSpans(
	handle: FileHandle,
	spans: { start: number; end: number }[],
	between: (index: number) => Uint8Array | null = () => null
): ReadableStream<Uint8Array> {
	let index = 0;
	let position = spans[0]?.start ?? 0;
	let framed = false;
	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		await handle.close();
	};
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				try {
					if (!framed) {
						framed = true;
						const frame = between(index);
						if (frame && frame.byteLength > 0) return controller.enqueue(frame);
					}
					const span = spans[index];
					if (!span) {
						await close();
						return controller.close();
					}
					const length = Math.min(READ_CHUNK, span.end - position + 1);
					const buffer = Buffer.allocUnsafe(length);
					const { bytesRead } = await handle.read(buffer, 0, length, position);
					if (bytesRead === 0) throw new Error('stored file is shorter than its row says');
					position += bytesRead;
					if (position > span.end) {
						index++;
						framed = false;
						position = spans[index]?.start ?? 0;
					}
					controller.enqueue(buffer.subarray(0, bytesRead));
				} catch (e) {
					await close().catch(() => {});
					controller.error(e);
				}
			},
			async cancel() {
				await close();
			}
		},
		// Pull one chunk ahead at most.
		{ highWaterMark: 1 }
	);
}

export function statOrNull(file: string): fs.Stats | null {
	try {
		return fs.statSync(file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
}

/** Stores bytes made in memory (the signed minutes PDF) by content address, fsynced before they are named. */
export async function storeBytes(store: FileStore, bytes: Uint8Array): Promise<string> {
	await ensureStore(store);
	const sha256 = sha256Hex(bytes);
	const tmp = tempPath(store);
	await fs.promises.writeFile(tmp, bytes);
	await fsyncFile(tmp);
	placeFile(store, tmp, sha256, bytes.byteLength);
	return sha256;
}
