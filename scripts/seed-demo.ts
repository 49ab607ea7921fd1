/** `npm run seed:demo`: seeds the demo people and meeting into DATA_DIR. Safe to run again. */
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db/client';
import { demoPassword } from '../src/lib/server/demo/data';
import { seedDemo } from '../src/lib/server/demo/seed';

try {
	const cfg = config();
	const result = await seedDemo(getDb(), demoPassword());
	closeDb();
	console.log(
		`Demo data in ${cfg.dbFile}: ${result.createdUsers} user(s) created, meeting ${result.createdMeeting ? 'created' : 'already there'}.`
	);
} catch (e) {
	console.error((e as Error).message);
	process.exit(1);
}
