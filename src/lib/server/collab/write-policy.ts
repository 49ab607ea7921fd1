import * as Y from 'yjs';
import { authorShares, checkAnnotationUpdate } from './annotation-guard';
import { WriterRates, type BudgetLimits } from './budget';

/** Why a writer's update was not stored; the tablet is told (y-websocket's "permission denied" message). */
export type WriteRefusal = 'not-yours' | 'over-quota';

/**
 * What becomes of a writer's update: applied; refused whole (`gap`: it builds on an update of the same tablet that
 * was refused, which the room will never have); or to be tried again in `waitMs` (the writer's rate).
 */
export type WriteOutcome = { applied: true } | { refused: WriteRefusal | 'gap' } | { waitMs: number };

/**
 * What a room checks before it applies a writer's update (read-only connections never get here): authorship in
 * annotation rooms, then the writer's share, the room's size and the writer's rate (budget.ts). A refused update
 * is dropped whole, never applied, stored or relayed; the writer alone is refused and keeps its socket.
 */
export class WritePolicy {
	readonly #rates: WriterRates;
	/** Authors' shares of an annotation room, kept until something is deleted (then counted again). */
	#shares: Map<string, number> | null = null;

	constructor(
		/** Annotation rooms (shared and private layers): marks carry their author, so authorship and shares hold. */
		readonly annotations: boolean,
		private readonly limits: BudgetLimits
	) {
		this.#rates = new WriterRates(limits);
	}

	/**
	 * Judges `update` from `userId` against `doc`; `roomFits(bytes)` answers whether the room's current state has
	 * room for that many more bytes. Returns a commit function to call once the update is applied, or why not.
	 * Throws if the update cannot be decoded (the caller closes the connection as malformed).
	 */
	judge(doc: Y.Doc, update: Uint8Array, userId: string, roomFits: (bytes: number) => boolean): Exclude<WriteOutcome, { applied: true }> | (() => void) {
		let added: number;
		let deletes: boolean;
		if (this.annotations) {
			// The guard decodes the update anyway, and checks for a gap on the way.
			const verdict = checkAnnotationUpdate(doc, update, userId);
			if (!verdict.ok) return { refused: verdict.refusal };
			added = verdict.addedBytes;
			deletes = verdict.deletes;
		} else {
			// Yjs integrates a tablet's changes in the order of its clock: content past a gap would wait in memory
			// forever for the refused update before it.
			for (const [client, clock] of Y.parseUpdateMeta(update).from) {
				if (clock > Y.getState(doc.store, client)) return { refused: 'gap' };
			}
			// A v1 update starts with its number of struct groups: 0 means it only deletes.
			added = update[0] === 0 ? 0 : update.byteLength;
			deletes = true;
		}
		if (added > 0) {
			if (this.annotations) {
				this.#shares ??= authorShares(doc);
				if ((this.#shares.get(userId) ?? 0) + added > this.limits.writerShareBytes) return { refused: 'over-quota' };
			}
			if (!roomFits(update.byteLength)) return { refused: 'over-quota' };
			// Last, so a refusal above costs the writer nothing.
			const waitMs = this.#rates.take(userId, update.byteLength);
			if (waitMs > 0) return { waitMs };
		}
		return () => {
			if (!this.#shares) return;
			if (deletes) this.#shares = null;
			else this.#shares.set(userId, (this.#shares.get(userId) ?? 0) + added);
		};
	}
}
