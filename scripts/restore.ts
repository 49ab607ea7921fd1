/**
 * `npm run restore -- <file>`: unpacks a backup made by `npm run backup` into DATA_DIR, which must be empty (or
 * not exist). Every file is checked against the manifest before the folder is put in place. Then start the
 * server; `npm run archive:verify` re-checks the archive chain and the signatures.
 */
import { restoreBackup } from '../src/lib/server/backup/restore';
import { config } from '../src/lib/server/config';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
	console.error('usage: npm run restore -- <file.tar.gz>   (into DATA_DIR, which must be empty)');
	process.exit(2);
}
try {
	const { dataDir } = config();
	const manifest = await restoreBackup(file, dataDir);
	console.log(`Restored the backup of ${manifest.createdAt} into ${dataDir}: ${manifest.entries.length} file(s), every SHA-256 checked, database integrity ok.`);
	console.log('Next: npm run archive:verify, then start the server.');
} catch (error) {
	console.error(`restore failed: ${(error as Error).message}`);
	process.exit(2);
}
