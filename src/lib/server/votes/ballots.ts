import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { canInMeeting, type Participation } from '../auth/policy';
import type { MeetingEvents, ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { motions, type BallotKind, type MotionState, type ParticipantRole } from '../db/schema';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { metrics } from '../metrics';
import { parseInput } from '../validation';
import { settleExpired } from './closing';
import { checkChoices } from './rules';

const option = z.string().trim().min(1).max(200);
export const castBallotInput = z.object({
	/** One option, or a list of options for an election that allows several choices. */
	choice: z.union([option, z.array(option).min(1).max(100)]),
	/** The absent member this ballot is cast for, by the proxy holder. */
	onBehalfOf: z.string().min(1).max(64).optional()
});
type BallotInput = z.infer<typeof castBallotInput>;

export interface BallotReceipt {
	/** The ballot is keyed by its voter within the motion (like a participant by its user). */
	id: string;
	motionId: string;
	voterId: string;
	castBy: string;
	/** Ballots recorded on this motion, this one included: the ballot's position in the count. */
	votedCount: number;
}

interface MotionRow {
	id: string;
	meeting_id: string;
	state: MotionState;
	ballot: BallotKind;
	options: string;
	max_choices: number;
	closes_at: number | null;
}

/**
 * The ballot path runs hundreds of times a second, so it uses statements prepared once per connection rather
 * than building each query anew. Same tables and rules as the rest of the vote service.
 */
class BallotStatements {
	readonly motion: Database.Statement<[string], MotionRow>;
	readonly participation: Database.Statement<[string, string], { role: ParticipantRole; can_vote: number }>;
	readonly attendance: Database.Statement<[string, string], { status: string }>;
	readonly proxyHolder: Database.Statement<[string, string], { holder_id: string }>;
	readonly voted: Record<BallotKind, Database.Statement<[string, string], { one: number }>>;
	readonly count: Record<BallotKind, Database.Statement<[string], { n: number }>>;
	readonly insertOpen: Database.Statement<[string, string, string, string, number]>;
	readonly insertSecretVoter: Database.Statement<[string, string, string]>;
	readonly insertSecretChoice: Database.Statement<[string, string, string]>;
	readonly insertAudit: Database.Statement<[number, string, string, string | null, string]>;

	constructor(sqlite: Database.Database) {
		this.motion = sqlite.prepare('select id, meeting_id, state, ballot, options, max_choices, closes_at from motions where id = ?');
		this.participation = sqlite.prepare('select role, can_vote from meeting_participants where meeting_id = ? and user_id = ?');
		this.attendance = sqlite.prepare('select status from attendance where meeting_id = ? and user_id = ?');
		this.proxyHolder = sqlite.prepare('select holder_id from proxies where meeting_id = ? and principal_id = ?');
		this.voted = {
			open: sqlite.prepare('select 1 as one from open_ballots where motion_id = ? and voter_id = ?'),
			secret: sqlite.prepare('select 1 as one from secret_voters where motion_id = ? and voter_id = ?')
		};
		this.count = {
			open: sqlite.prepare('select count(*) as n from open_ballots where motion_id = ?'),
			secret: sqlite.prepare('select count(*) as n from secret_voters where motion_id = ?')
		};
		this.insertOpen = sqlite.prepare('insert into open_ballots (motion_id, voter_id, choices, cast_by, cast_at) values (?, ?, ?, ?, ?)');
		this.insertSecretVoter = sqlite.prepare('insert into secret_voters (motion_id, voter_id, cast_by) values (?, ?, ?)');
		this.insertSecretChoice = sqlite.prepare('insert into secret_choices (motion_id, id, choices) values (?, ?, ?)');
		// The same row audit() writes; open ballots only (a secret ballot is never audited: the log would give the order).
		this.insertAudit = sqlite.prepare("insert into audit_log (at, actor_id, action, subject_type, subject_id, ip, data) values (?, ?, 'ballot.cast', 'motion', ?, ?, ?)");
	}

	participationOf(meetingId: string, userId: string): Participation | null {
		const row = this.participation.get(meetingId, userId);
		return row ? { role: row.role, canVote: row.can_vote === 1 } : null;
	}

	isPresent(meetingId: string, userId: string): boolean {
		return this.attendance.get(meetingId, userId)?.status === 'present';
	}
}

const notEligible = (why: string) => new AppError('not_eligible', why);
const isExpired = (motion: MotionRow, now: number) => motion.closes_at !== null && motion.closes_at <= now;

/**
 * Who the ballot counts for, after checking that the caller may cast it: their own vote (chair or delegate with
 * voting right, checked in), or an absent member's vote they carry by proxy (the caller checked in, the member not).
 */
function voterFor(st: BallotStatements, motion: MotionRow, ctx: ServiceCtx, participation: Participation | null, onBehalfOf: string | undefined): string {
	const actorId = ctx.actor.id;
	const meetingId = motion.meeting_id;
	if (onBehalfOf === undefined || onBehalfOf === actorId) {
		if (!canInMeeting(ctx.actor, participation, 'vote')) throw notEligible('no vote in this meeting');
		if (!st.isPresent(meetingId, actorId)) throw new AppError('not_checked_in', 'check in before voting');
		return actorId;
	}
	if (participation?.role !== 'chair' && participation?.role !== 'delegate') throw notEligible('only a chair or delegate carries a proxy');
	if (st.proxyHolder.get(meetingId, onBehalfOf)?.holder_id !== actorId) throw notEligible('no proxy for that member');
	const principal = st.participationOf(meetingId, onBehalfOf);
	if (!principal || !canInMeeting({ id: onBehalfOf, role: 'member' }, principal, 'vote')) throw notEligible('that member has no vote');
	if (!st.isPresent(meetingId, actorId)) throw new AppError('not_checked_in', 'check in before voting');
	// A member who came back votes in person; the proxy sleeps while they are here.
	if (st.isPresent(meetingId, onBehalfOf)) throw notEligible('that member is present and votes in person');
	return onBehalfOf;
}

/** SQLite's answer when the (motion, voter) key already exists. */
function isDuplicateKey(error: unknown): boolean {
	for (let e: unknown = error; e instanceof Error; e = e.cause) {
		const code = (e as { code?: unknown }).code;
		if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
	}
	return false;
}

interface Recorded extends BallotReceipt {
	meetingId: string;
}

/**
 * Checks and records one ballot inside the caller's transaction. Order of the checks: the motion is visible (404),
 * the caller may cast this ballot (403 not_eligible), is checked in (403 not_checked_in), the vote is open (409),
 * the choice is an option (400), the voter has not voted (409; the primary key on (motion, voter) is the last guard).
 */
function recordBallot(st: BallotStatements, ctx: ServiceCtx, motionId: string, input: BallotInput, now: number): Recorded {
	const motion = st.motion.get(motionId);
	if (!motion) throw notFound('motion');
	const participation = st.participationOf(motion.meeting_id, ctx.actor.id);
	// Same visibility as GET: outside the meeting, or a draft for someone who does not run votes → 404.
	if (!canInMeeting(ctx.actor, participation, 'view')) throw notFound('motion');
	if (motion.state === 'draft' && !canInMeeting(ctx.actor, participation, 'run_votes')) throw notFound('motion');
	const voterId = voterFor(st, motion, ctx, participation, input.onBehalfOf);
	if (motion.state !== 'open' || isExpired(motion, now)) throw new AppError('vote_not_open', `the vote is ${motion.state}`);
	const checked = checkChoices(JSON.parse(motion.options) as string[], motion.max_choices, input.choice);
	if (!checked.ok) throw new AppError('validation_failed', checked.message, { fields: [{ path: 'choice', message: checked.message }] });
	if (st.voted[motion.ballot].get(motionId, voterId)) throw new AppError('already_voted', 'this vote has been cast');
	const choices = JSON.stringify(checked.choices);
	try {
		if (motion.ballot === 'open') {
			st.insertOpen.run(motionId, voterId, choices, ctx.actor.id, now);
			st.insertAudit.run(now, ctx.actor.id, motionId, ctx.ip ?? null, JSON.stringify({ voterId, choices: checked.choices }));
		} else {
			// Two rows with nothing in common but the motion: who voted, and a choice under a random key.
			st.insertSecretVoter.run(motionId, voterId, ctx.actor.id);
			st.insertSecretChoice.run(motionId, newId(), choices);
		}
	} catch (error) {
		if (isDuplicateKey(error)) throw new AppError('already_voted', 'this vote has been cast');
		throw error;
	}
	return { id: voterId, motionId, voterId, castBy: ctx.actor.id, votedCount: st.count[motion.ballot].get(motionId)!.n, meetingId: motion.meeting_id };
}

interface Job {
	ctx: ServiceCtx;
	motionId: string;
	input: BallotInput;
	resolve: (receipt: BallotReceipt) => void;
	reject: (error: unknown) => void;
	outcome?: { ok: true; receipt: Recorded } | { ok: false; error: unknown };
}

/**
 * Group commit. Ballots that arrive in the same turn of the event loop are recorded in one transaction, each in
 * its own savepoint (a refused ballot rolls back alone), and answered after the one COMMIT: with synchronous=FULL
 * that is one fsync for the batch instead of one per ballot, which is what lets 500 ballots a second through on a
 * small machine. Nobody is answered before the COMMIT, so an acknowledged ballot is always on disk. (It also mixes
 * the secret ballots of a batch in one commit.)
 */
class BallotQueue {
	readonly #st: BallotStatements;
	readonly #batch: (jobs: Job[]) => void;
	#jobs: Job[] = [];
	#scheduled = false;

	constructor(private readonly db: Db) {
		const sqlite = db.$client;
		this.#st = new BallotStatements(sqlite);
		const one = sqlite.transaction((job: Job, now: number) => recordBallot(this.#st, job.ctx, job.motionId, job.input, now));
		// Nested better-sqlite3 transactions are savepoints: each ballot commits or rolls back inside the batch.
		this.#batch = sqlite.transaction((jobs: Job[]) => {
			const now = Date.now();
			for (const job of jobs) {
				try {
					job.outcome = { ok: true, receipt: one(job, now) };
				} catch (error) {
					job.outcome = { ok: false, error };
				}
			}
		});
	}

	submit(job: Job): void {
		this.#jobs.push(job);
		if (!this.#scheduled) {
			this.#scheduled = true;
			setImmediate(() => this.flush());
		}
	}

	/** Records and answers every queued ballot now. */
	flush(): void {
		this.#scheduled = false;
		const jobs = this.#jobs;
		this.#jobs = [];
		if (jobs.length === 0) return;
		const started = performance.now();
		try {
			this.#batch(jobs);
		} catch (error) {
			// The COMMIT itself failed (disk full, I/O error): nothing of the batch is stored, so nobody hears "201".
			for (const job of jobs) job.reject(error);
			return;
		}
		const { ballotCommit, ballotBatch } = metrics();
		ballotCommit.observe((performance.now() - started) / 1000);
		ballotBatch.observe(jobs.length);
		const expired = new Set<string>();
		for (const job of jobs) {
			const outcome = job.outcome!;
			if (outcome.ok) {
				const { meetingId, ...receipt } = outcome.receipt;
				job.ctx.events.ballotCast(meetingId, receipt.motionId);
				job.resolve(receipt);
			} else {
				if (outcome.error instanceof AppError && outcome.error.code === 'vote_not_open') expired.add(job.motionId);
				job.reject(outcome.error);
			}
		}
		// A countdown that ran out is settled by the first ballot that finds it so (no-op for merely closed votes).
		for (const motionId of expired) settleIfExpired(this.db, jobs.find((j) => j.motionId === motionId)!.ctx.events, motionId);
	}
}

function settleIfExpired(db: Db, events: MeetingEvents, motionId: string): void {
	const motion = db.select().from(motions).where(eq(motions.id, motionId)).get();
	if (motion) settleExpired(db, events, motion);
}

// One queue per connection and per process: the production entry (fast ballot route) and SvelteKit's bundle each
// carry a copy of this module, and ballots from both must share the batches (see hub.ts for the same reason).
const KEY = Symbol.for('quorum.ballot-queues');
type Holder = { [KEY]?: WeakMap<Database.Database, BallotQueue> };

function queueFor(db: Db): BallotQueue {
	const holder = globalThis as Holder;
	const queues = (holder[KEY] ??= new WeakMap());
	let queue = queues.get(db.$client);
	if (!queue) {
		queue = new BallotQueue(db);
		queues.set(db.$client, queue);
	}
	return queue;
}

/**
 * Records one final ballot; resolves once it is on disk, or rejects with the reason it was refused. Input errors
 * are thrown at once, before anything is queued.
 */
export function castBallot(db: Db, ctx: ServiceCtx, motionId: string, raw: unknown): Promise<BallotReceipt> {
	const input = parseInput(castBallotInput, raw);
	return new Promise((resolve, reject) => queueFor(db).submit({ ctx, motionId, input, resolve, reject }));
}

/** The same, recorded and committed now (a batch of one): for callers that are not in a request. */
export function castBallotNow(db: Db, ctx: ServiceCtx, motionId: string, raw: unknown): BallotReceipt {
	const input = parseInput(castBallotInput, raw);
	let receipt: BallotReceipt | undefined;
	let failure: { error: unknown } | undefined;
	const queue = queueFor(db);
	queue.flush();
	queue.submit({ ctx, motionId, input, resolve: (r) => (receipt = r), reject: (error) => (failure = { error }) });
	queue.flush();
	if (failure) throw failure.error;
	return receipt!;
}
