// 2,000 idle collab connections spread over 50 meetings: server memory per connection.
import { connect } from './support/collab-client.mjs';
import { insertMeeting, insertMembers, insertSession, openDb, round, rssBytes, seedDemo, startServer, tempDataDir } from './support/server.mjs';

export const name = 'collab-idle';
export const target = '< 50 KB of server memory per connection';

const MEETINGS = 50;
const PER_MEETING = 40;

export async function run() {
	const dataDir = tempDataDir();
	seedDemo(dataDir);
	const db = openDb(dataDir);
	const users = insertMembers(db, PER_MEETING);
	const meetings = Array.from({ length: MEETINGS }, (_, i) => insertMeeting(db, users, `Phiên họp ${i + 1}`));
	const cookies = users.map((id) => insertSession(db, id));
	db.close();
	const server = await startServer(dataDir);

	// Warm the server (one connection per room, then gone) so code loading and JIT are not counted per connection.
	const warm = meetings.map((m, i) => connect(server.url, `meeting:${m.id}:live`, cookies[i % cookies.length]));
	await Promise.all(warm.map((c) => c.ready));
	for (const c of warm) c.close();
	await new Promise((r) => setTimeout(r, 1_000));
	const before = rssBytes(server.pid);

	const clients = [];
	for (const meeting of meetings) {
		for (let u = 0; u < PER_MEETING; u++) {
			clients.push(connect(server.url, `meeting:${meeting.id}:live`, cookies[u]));
		}
		await Promise.all(clients.slice(-PER_MEETING).map((c) => c.ready));
	}
	await new Promise((r) => setTimeout(r, 3_000));
	const after = rssBytes(server.pid);
	const open = clients.filter((c) => c.ws.readyState === 1).length;

	for (const c of clients) c.close();
	await server.stop();
	const perConnection = (after - before) / clients.length;
	return {
		connections: clients.length,
		stillOpen: open,
		rooms: MEETINGS,
		rssBeforeMb: round(before / 2 ** 20),
		rssAfterMb: round(after / 2 ** 20),
		perConnectionKb: round(perConnection / 1024),
		pass: open === clients.length && perConnection < 50 * 1024
	};
}
