/**
 * How much one person may write into one room, so that nobody can fill a room for everybody else. Three limits,
 * each refusing only the writer who hits it:
 *
 * - a rate: bytes per writer per room, as a token bucket (a burst for a tablet coming back online with an hour
 *   of ink, then a steady allowance far above what a hand can draw); past it, the writer's updates wait;
 * - a share: in an annotation room, the bytes of the marks and replies a writer has in the room *now* (deleting
 *   one's own marks gives the room back);
 * - the room: its current state after garbage collection, not the history it was built from, must stay under
 *   `maxDocumentBytes`.
 *
 * Deletions pass all three: they are how a room gets its space back. Past the share or the room's size, an update
 * is refused whole and the tablet told why.
 */
export interface BudgetLimits {
	/** The room's current state (what a new tablet downloads) may not grow past this. */
	maxDocumentBytes: number;
	/** Bytes a writer may add to one room in a burst… */
	writerBurstBytes: number;
	/** …refilled at this rate. */
	writerBytesPerMinute: number;
	/** In annotation rooms: the marks and replies of one writer, as JSON. */
	writerShareBytes: number;
}

export const DEFAULT_BUDGET: BudgetLimits = {
	maxDocumentBytes: 32 * 1024 * 1024,
	writerBurstBytes: 16 * 1024 * 1024,
	writerBytesPerMinute: 4 * 1024 * 1024,
	writerShareBytes: 8 * 1024 * 1024
};

interface Bucket {
	tokens: number;
	at: number;
}

/**
 * The rate limit of one room: a bucket per writer, forgotten once full again. A writer over the rate is not
 * refused but made to wait (its updates are held in order): dropping an update would leave a gap in its Yjs
 * clock that every later update of that tablet depends on.
 */
export class WriterRates {
	readonly #buckets = new Map<string, Bucket>();

	constructor(
		private readonly limits: Pick<BudgetLimits, 'writerBurstBytes' | 'writerBytesPerMinute'>,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * Takes `bytes` from the writer's allowance and answers 0, or answers how many milliseconds until it can
	 * (nothing taken). An update larger than the burst goes through on a full bucket and leaves it in debt.
	 */
	take(userId: string, bytes: number): number {
		const t = this.now();
		const { writerBurstBytes: burst, writerBytesPerMinute: perMinute } = this.limits;
		const bucket = this.#buckets.get(userId) ?? { tokens: burst, at: t };
		const tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 60_000) * perMinute);
		const needed = Math.min(bytes, burst);
		if (tokens < needed) {
			this.#buckets.set(userId, { tokens, at: t });
			return Math.ceil(((needed - tokens) / perMinute) * 60_000);
		}
		const left = tokens - bytes;
		if (left >= burst) this.#buckets.delete(userId);
		else this.#buckets.set(userId, { tokens: left, at: t });
		return 0;
	}
}
