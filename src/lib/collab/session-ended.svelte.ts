/**
 * Whether this tablet's session is over, as its real-time rooms found out: their sockets are closed when the
 * session ends (expired, signed out elsewhere, account deactivated) and every reconnection is refused. One flag for
 * the whole app, so the layout can say so once, with a way to sign in again.
 */
export const sessionEnded = $state({ value: false });

let lastProbe = 0;

/**
 * A room could not (re)connect several times in a row while the network is up: ask the server whether the session
 * is still good. Answers whether it is over; at most one question every ten seconds, whichever room asks.
 */
export async function probeSession(): Promise<boolean> {
	if (sessionEnded.value) return true;
	if (Date.now() - lastProbe < 10_000) return false;
	lastProbe = Date.now();
	try {
		const res = await fetch('/api/v1/session', { headers: { accept: 'application/json' } });
		if (res.status === 401) sessionEnded.value = true;
	} catch {
		// The server is away, not the session: keep trying to reconnect.
	}
	return sessionEnded.value;
}
