/**
 * A counter that moves whenever access may have shrunk in this process: a session ended (sign-out, password reset,
 * account deactivated) or a meeting's access changed (a participant removed or given another role, minutes
 * submitted or approved, a meeting archived, a display link revoked: every change announced through
 * `MeetingEvents.userAccessChanged` / `roomAccessChanged`). Whatever was decided under an earlier value is stale:
 * the collab upgrade's short-lived cache (server/collab/access-cache.ts) drops it, so a revocation made here takes
 * effect on the very next upgrade, not after the cache's few seconds.
 *
 * On globalThis: SvelteKit's handler (where sign-out runs) and the server bundle (where upgrades are decided) each
 * carry a copy of this module, and must share one counter.
 */
const KEY = Symbol.for('quorum.access-epoch');
type Holder = { [KEY]?: number };
const holder = globalThis as Holder;

export function accessEpoch(): number {
	return holder[KEY] ?? 0;
}

export function accessMayHaveShrunk(): void {
	holder[KEY] = accessEpoch() + 1;
}
