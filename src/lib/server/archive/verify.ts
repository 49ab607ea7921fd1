import fs from 'node:fs';
import { asc } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { archiveRecords } from '../db/schema';
import { blobPath, type FileStore } from '../documents/storage';
import { sha256Hex } from './canonical';
import { verifyChain, type ChainReport } from './chain';

/** Re-checks the archive chain in the database and the minutes PDFs in the file store. */
export function verifyArchive(db: Queryable, store: FileStore): ChainReport {
	const rows = db.select().from(archiveRecords).orderBy(asc(archiveRecords.seq)).all();
	return verifyChain(rows, (sha256) => {
		try {
			return sha256Hex(fs.readFileSync(blobPath(store, sha256)));
		} catch {
			return null;
		}
	});
}
