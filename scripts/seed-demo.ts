/** `npm run seed:demo`: seeds the demo people and meetings into DATA_DIR. Safe to run again. */
import { existingCollabHub } from '../src/lib/server/collab/hub';
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db/client';
import { demoPassword } from '../src/lib/server/demo/data';
import { seedDemo } from '../src/lib/server/demo/seed';

const PAST_MEETING = {
	created: 'created and archived',
	finished: 'finished and archived (an earlier run had stopped midway)',
	'already archived': 'already archived'
} as const;

/** The minutes service wrote through the collab hub: commit its rooms before the database closes. */
function close(): void {
	existingCollabHub()?.close();
	closeDb();
}

try {
	const cfg = config();
	const result = await seedDemo(getDb(), demoPassword());
	close();
	console.log(
		`Demo data in ${cfg.dbFile}: ${result.createdUsers} user(s) created, upcoming meeting ${result.createdMeeting ? 'created' : 'already there'}, ` +
			`past meeting ${PAST_MEETING[result.archivedMeeting]}.`
	);
	console.log('Archive: sign in as delegate1 and search "cai cach hanh chinh" to find the past meeting, its minutes and documents.');
} catch (e) {
	close();
	console.error(`Demo seed stopped: ${(e as Error).message}`);
	console.error('What was written before the failure stays; running the seed again finishes the rest.');
	process.exit(1);
}
