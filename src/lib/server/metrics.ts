import client from 'prom-client';

/**
 * The Prometheus metrics of this process (served at /metrics by server/metrics-route.ts). One registry per
 * process: the production entry and SvelteKit's bundle each carry a copy of this module, and a metric registered
 * twice would throw, so the set is kept on globalThis as the database and the collab hub are.
 */
export interface Metrics {
	registry: client.Registry;
	httpRequests: client.Histogram<'method' | 'route' | 'status'>;
	ballotCommit: client.Histogram<never>;
	ballotBatch: client.Histogram<never>;
}

const KEY = Symbol.for('quorum.metrics');
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
	const holder = globalThis as Holder;
	if (holder[KEY]) return holder[KEY];
	const registry = new client.Registry();
	// Process memory, CPU, file descriptors, and event-loop delay (perf_hooks.monitorEventLoopDelay).
	client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
	const created: Metrics = {
		registry,
		httpRequests: new client.Histogram({
			name: 'quorum_http_request_duration_seconds',
			help: 'HTTP requests by method, route (ids replaced) and status: time to the end of the response',
			labelNames: ['method', 'route', 'status'],
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
			registers: [registry]
		}),
		ballotCommit: new client.Histogram({
			name: 'quorum_ballot_commit_seconds',
			help: 'Time of one group commit of ballots (the batch transaction, fsync included)',
			buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
			registers: [registry]
		}),
		ballotBatch: new client.Histogram({
			name: 'quorum_ballot_batch_size',
			help: 'Ballots committed together in one transaction',
			buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
			registers: [registry]
		})
	};
	holder[KEY] = created;
	return created;
}

export interface RuntimeSources {
	collab: () => { rooms: number; connections: number; roomBytes: number };
	/** Size of the SQLite write-ahead log in bytes (0 when there is none). */
	walBytes: () => number;
}

/** Gauges read at scrape time from the running server: nothing is counted on the hot paths for them. */
export function registerRuntimeGauges(sources: RuntimeSources): void {
	const { registry } = metrics();
	if (registry.getSingleMetric('quorum_collab_connections')) return;
	new client.Gauge({
		name: 'quorum_collab_connections',
		help: 'Open real-time (WebSocket) connections',
		registers: [registry],
		collect() {
			this.set(sources.collab().connections);
		}
	});
	new client.Gauge({
		name: 'quorum_collab_rooms',
		help: 'Real-time rooms loaded in memory',
		registers: [registry],
		collect() {
			this.set(sources.collab().rooms);
		}
	});
	new client.Gauge({
		name: 'quorum_collab_room_bytes',
		help: 'Bytes of stored updates behind the loaded rooms',
		registers: [registry],
		collect() {
			this.set(sources.collab().roomBytes);
		}
	});
	new client.Gauge({
		name: 'quorum_sqlite_wal_bytes',
		help: 'Size of the SQLite write-ahead log',
		registers: [registry],
		collect() {
			this.set(sources.walBytes());
		}
	});
}

const ID = /^[a-z2-7]{16}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const NUMBER = /^\d+$/;
const MAX_ROUTES = 300;
const seenRoutes = new Set<string>();

/**
 * A route label of bounded cardinality: ids, hashes and numbers become placeholders, SvelteKit's hashed assets
 * one label, and past a few hundred distinct labels anything new is "other" (a scanner's random paths must not
 * grow the registry without end).
 */
export function routeLabel(url: string | undefined): string {
	const pathname = (url ?? '/').split('?')[0]!;
	if (pathname.startsWith('/_app/')) return '/_app';
	const label =
		pathname
			.split('/')
			.map((s) => (ID.test(s) ? ':id' : SHA256.test(s) ? ':sha256' : NUMBER.test(s) ? ':n' : s.length > 40 ? ':long' : s))
			.join('/') || '/';
	if (seenRoutes.has(label)) return label;
	if (seenRoutes.size >= MAX_ROUTES) return 'other';
	seenRoutes.add(label);
	return label;
}
