/**
 * `npm run archive:verify`: re-checks the whole archive hash chain in DATA_DIR (and every minutes PDF, and the
 * PAdES signatures inside each) and names the first record that does not hold. Exit 0 when the chain holds, 1 when it is broken, 2 when it cannot run.
 * Opens the database read-only: verifying never changes what it verifies.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fs from 'node:fs';
import { verifyArchive, verifyArchiveSignatures } from '../src/lib/server/archive/verify';
import { config } from '../src/lib/server/config';
import * as schema from '../src/lib/server/db/schema';
import { fileStore } from '../src/lib/server/documents/storage';

try {
	const cfg = config();
	if (!fs.existsSync(cfg.dbFile)) throw new Error(`no database at ${cfg.dbFile} (set DATA_DIR)`);
	const sqlite = new Database(cfg.dbFile, { readonly: true, fileMustExist: true });
	const db = drizzle(sqlite, { schema });
	const report = verifyArchive(db, fileStore(cfg.filesDir));
	const signatures = await verifyArchiveSignatures(db, fileStore(cfg.filesDir));
	sqlite.close();
	if (report.ok) {
		console.log(`Archive chain holds: ${report.records} record(s), head ${report.head}.`);
	} else {
		console.error(`Archive chain BROKEN at record ${report.seq} (${report.pollId ? `poll ${report.pollId}` : `meeting ${report.meetingId}`}): ${report.reason}.`);
		console.error(`${report.records} record(s) before it hold.`);
	}
	if (signatures.ok) {
		console.log(`PDF signatures hold: ${signatures.signatures} signature(s) in ${signatures.pdfs} signed PDF(s).`);
	} else {
		console.error(`PDF signatures BROKEN at record ${signatures.seq} (meeting ${signatures.meetingId}): ${signatures.reason}.`);
	}
	if (!report.ok || !signatures.ok) process.exit(1);
} catch (e) {
	console.error(`archive:verify could not run: ${(e as Error).message}`);
	process.exit(2);
}
