/**
 * Group commit: the updates every room accepted within one short window share one SQLite transaction, hence one
 * fsync, before any of them is relayed. SQLite in WAL mode has one writer and pays one fsync per commit; committing
 * per room would pay it forty times when forty rooms each have a writer, and the fsync, not the CPU, is then what
 * limits how fast a room moves.
 *
 * The window is either the rest of the current event-loop turn (`windowMs: 0`, a `setImmediate`: everything read
 * from the sockets in this poll phase) or a fixed number of milliseconds; docs/benchmarks.md says which is better
 * and why the default is what it is.
 *
 * Nothing is relayed or acknowledged by this module: a party hears `committed` only after the transaction holding
 * its batch returned, and `notStored` if it threw (then nothing of that batch is on disk, and nothing of it is
 * relayed).
 */

/** What a room hands over for one commit: its updates in the order they were applied, and who wrote each. */
export interface CommitBatch<O = unknown> {
	room: string;
	updates: Uint8Array[];
	/** Per update: the connection (or server origin) it came from, for the relay and the author column. */
	origins: O[];
}

export interface CommitParty<O = unknown> {
	/** Hands over everything staged since the last call and forgets it (called once per commit it is queued for). */
	takeBatch(): CommitBatch<O>;
	/** The batch is durable: relay it. */
	committed(batch: CommitBatch<O>): void;
	/** The transaction failed: nothing of the batch is stored. */
	notStored(batch: CommitBatch<O>, error: unknown): void;
}

export class GroupCommit<O = unknown> {
	#waiting: CommitParty<O>[] = [];
	#timer: NodeJS.Timeout | NodeJS.Immediate | null = null;

	constructor(
		/** Writes every batch in ONE transaction; throws (having written nothing) if it cannot. */
		private readonly write: (batches: CommitBatch<O>[]) => void,
		/** 0: commit at the end of the event-loop turn; otherwise at most this many ms after the first update. */
		public windowMs = 0
	) {}

	/** A party has staged updates; it is committed with everyone else's in the current window. Once per window. */
	enqueue(party: CommitParty<O>): void {
		this.#waiting.push(party);
		if (this.#timer) return;
		this.#timer = this.windowMs > 0 ? setTimeout(() => this.commit(), this.windowMs) : setImmediate(() => this.commit());
	}

	/**
	 * Commits everything waiting now (also called before a sync step 1 is answered, on unload and on shutdown, so the
	 * state handed out or left behind is state a crash could not lose). Safe to re-enter from a party's `committed`
	 * (a relay that closes a socket unloads a room, which commits): each batch was taken before the write.
	 */
	commit(): void {
		if (this.#timer) {
			if (this.windowMs > 0) clearTimeout(this.#timer as NodeJS.Timeout);
			else clearImmediate(this.#timer as NodeJS.Immediate);
			this.#timer = null;
		}
		if (this.#waiting.length === 0) return;
		const parties = this.#waiting;
		this.#waiting = [];
		const batches = parties.map((p) => p.takeBatch());
		try {
			this.write(batches);
		} catch (error) {
			for (let i = 0; i < parties.length; i++) parties[i]!.notStored(batches[i]!, error);
			return;
		}
		for (let i = 0; i < parties.length; i++) parties[i]!.committed(batches[i]!);
	}

	get waiting(): number {
		return this.#waiting.length;
	}
}
