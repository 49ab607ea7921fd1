/**
 * `npm run backup -- <file>`: one archive (gzip'd tar) of the database, the stored files and the keys of DATA_DIR,
 * with a manifest of SHA-256 sums, taken while the server keeps running. Waits while a secret vote is open.
 * Exit 0 when written, 2 when it could not be.
 */
import { takeBackup } from '../src/lib/server/backup/take';
import { config } from '../src/lib/server/config';

const out = process.argv[2];
if (!out || process.argv.length > 3) {
	console.error('usage: npm run backup -- <file.tar.gz>');
	process.exit(2);
}
try {
	const cfg = config();
	const result = await takeBackup(cfg, out, {
		onWaiting: (titles) => console.log(`A secret vote is open (${titles.join('; ')}): the backup waits until it closes, so no copy can hold a secret ballot in progress.`)
	});
	const files = result.manifest.entries.filter((e) => e.name.startsWith('files/')).length;
	console.log(`Backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB; database, ${files} file(s), keys; manifest of SHA-256 sums inside).`);
	console.log('It holds every document and the sealed signing keys: keep it where only the operators can read it.');
	for (const name of result.damaged) console.warn(`warning: ${name} in DATA_DIR does not match its own SHA-256; copied as it is`);
} catch (error) {
	console.error(`backup failed: ${(error as Error).message}`);
	process.exit(2);
}
