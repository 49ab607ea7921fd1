import type { Config } from '../src/lib/server/config';
import type { Queryable } from '../src/lib/server/db/client';
import { fileStore, sweepFiles } from '../src/lib/server/documents/storage';
import { uploadBodyLimit } from '../src/lib/server/documents/upload';
import { log } from '../src/lib/server/log';

/**
 * What document uploads need before the first request. Must run before build/handler.js is imported:
 * adapter-node reads BODY_SIZE_LIMIT once, when that module loads.
 */
export function prepareUploads(cfg: Config, db: Queryable): void {
	// adapter-node's default (512 KB) would refuse any real PDF. The limit is MAX_UPLOAD_MB plus the multipart
	// framing; JSON endpoints keep their own 1 MB cap (readJson). An operator's explicit value wins.
	process.env.BODY_SIZE_LIMIT ||= String(uploadBodyLimit(cfg.maxUploadBytes));

	// Nothing is uploading yet: every temp file is a crash leftover and every unreferenced file an orphan.
	const swept = sweepFiles(db, fileStore(cfg.filesDir));
	if (swept.tmpRemoved + swept.orphansRemoved > 0) {
		log().info(`documents: removed ${swept.tmpRemoved} unfinished upload(s) and ${swept.orphansRemoved} unreferenced file(s)`);
	}
	if (swept.missing.length > 0) {
		log().error({ missing: swept.missing }, `documents: ${swept.missing.length} stored file(s) are missing from ${cfg.filesDir}: ${swept.missing.join(', ')}`);
	}
}
