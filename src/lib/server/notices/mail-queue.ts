import { createTransport } from 'nodemailer';
import type { SmtpConfig } from '../config';
import { log } from '../log';

/** One e-mail to one person; the address stays out of every log line (the user id names them there). */
export interface OutgoingMail {
	userId: string;
	to: { name: string; address: string };
	subject: string;
	text: string;
	/** The meeting as an iCalendar invitation: nodemailer adds it as the text/calendar alternative and a file. */
	calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
	/** For the log: what the mail is about. */
	kind: string;
}

/** What the queue needs of a transport: nodemailer's `sendMail`, narrowed so the queue's rules can be tested. */
export interface MailTransport {
	sendMail(message: Record<string, unknown>): Promise<{ messageId?: string }>;
	close?(): void;
}

export interface MailQueueOptions {
	from: SmtpConfig['from'];
	/** Waits before the 2nd, 3rd, … try; a mail is given up after the last. */
	retryDelaysMs?: number[];
}

/** 4 tries over about 5 minutes: a mail server restarting or greylisting (RFC 6647) is usually back by then. */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 240_000];

/**
 * Sends notices' e-mail in the background, in order, one at a time: `enqueue` returns at once, so a slow or
 * absent mail server never holds up (or fails) the request that caused the mail. A failed send is tried again
 * after each of `retryDelaysMs`, then given up and logged. Failures are logged with the SMTP error's code and
 * the user's id only: never the address, the message or the SMTP URL (which holds the password; OWASP Logging
 * Cheat Sheet, data to exclude).
 */
export class MailQueue {
	readonly #transport: MailTransport;
	readonly #from: SmtpConfig['from'];
	readonly #delays: number[];
	readonly #waiting: Array<{ mail: OutgoingMail; attempt: number }> = [];
	readonly #timers = new Set<NodeJS.Timeout>();
	#running: Promise<void> | null = null;
	#closed = false;

	constructor(transport: MailTransport, options: MailQueueOptions) {
		this.#transport = transport;
		this.#from = options.from;
		this.#delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
	}

	enqueue(mails: readonly OutgoingMail[]): void {
		if (this.#closed) return;
		for (const mail of mails) this.#waiting.push({ mail, attempt: 1 });
		this.#run();
	}

	/** Mails waiting, being sent or waiting for a retry. */
	get pending(): number {
		return this.#waiting.length + this.#timers.size + (this.#running ? 1 : 0);
	}

	/** Resolves when nothing is queued or being sent (retries still waiting on their timer are not waited for). */
	async idle(): Promise<void> {
		while (this.#running) await this.#running;
	}

	/**
	 * Stops taking mail and drops the retries still waiting; the mail being sent and those queued get until
	 * `deadlineMs` (a stopping server must not hang on a dead mail server). Answers how many were left unsent.
	 */
	async close(deadlineMs: number): Promise<number> {
		this.#closed = true;
		for (const timer of this.#timers) clearTimeout(timer);
		const dropped = this.#timers.size;
		this.#timers.clear();
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
		await Promise.race([this.idle(), deadline]);
		clearTimeout(timer);
		const left = dropped + this.#waiting.length;
		this.#waiting.length = 0;
		this.#transport.close?.();
		if (left > 0) log().warn({ unsent: left }, `[mail] stopping with ${left} e-mail(s) unsent`);
		return left;
	}

	#run(): void {
		if (this.#running) return;
		this.#running = this.#drain().finally(() => {
			this.#running = null;
			// Something queued while the last send finished its promise chain.
			if (this.#waiting.length > 0 && !this.#closed) this.#run();
		});
	}

	async #drain(): Promise<void> {
		for (let next = this.#waiting.shift(); next; next = this.#waiting.shift()) {
			await this.#send(next.mail, next.attempt);
		}
	}

	async #send(mail: OutgoingMail, attempt: number): Promise<void> {
		try {
			const info = await this.#transport.sendMail({
				from: this.#from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: 'invite.ics', content: mail.calendar.content } } : {})
			});
			log().info({ kind: mail.kind, recipient: mail.userId, attempt, messageId: info.messageId }, '[mail] sent');
		} catch (error) {
			const why = smtpFailure(error);
			const delay = this.#delays[attempt - 1];
			if (delay === undefined || this.#closed) {
				log().error({ kind: mail.kind, recipient: mail.userId, attempt, ...why }, `[mail] giving up after ${attempt} tries`);
				return;
			}
			log().warn({ kind: mail.kind, recipient: mail.userId, attempt, ...why }, `[mail] sending failed; next try in ${Math.round(delay / 1000)} s`);
			const timer = setTimeout(() => {
				this.#timers.delete(timer);
				if (this.#closed) return;
				this.#waiting.push({ mail, attempt: attempt + 1 });
				this.#run();
			}, delay);
			// A retry waiting must not keep a stopping process alive.
			timer.unref();
			this.#timers.add(timer);
		}
	}
}

/**
 * What a log may say about a failed send: nodemailer's error code, the SMTP reply code and command. Not the
 * message: it can quote the server's reply, which may echo the address or the login.
 */
export function smtpFailure(error: unknown): { code?: string; responseCode?: number; command?: string } {
	if (!error || typeof error !== 'object') return {};
	const e = error as { code?: unknown; responseCode?: unknown; command?: unknown };
	return {
		...(typeof e.code === 'string' ? { code: e.code } : {}),
		...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
		...(typeof e.command === 'string' ? { command: e.command.split(' ')[0] } : {})
	};
}

/** nodemailer's SMTP transport for SMTP_URL, with timeouts short enough that a dead server does not pile mail up. */
export function smtpTransport(smtp: SmtpConfig): MailTransport {
	return createTransport({
		url: smtp.url,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	});
}

// One queue per process: SvelteKit's bundle (the routes that notify) and the production entry (which starts and
// stops it) each carry a copy of this module (see db/client.ts).
const KEY = Symbol.for('quorum.mailQueue');
type Holder = { [KEY]?: MailQueue | null };

/**
 * The process's queue, made from the configuration on first use; null without SMTP_URL (notices stay in the app).
 * `startMailQueue` in the production entry makes it at start, so a development server needs no entry of its own.
 */
export function mailQueue(smtp: SmtpConfig | null): MailQueue | null {
	const holder = globalThis as Holder;
	if (holder[KEY] === undefined) holder[KEY] = smtp ? new MailQueue(smtpTransport(smtp), { from: smtp.from }) : null;
	return holder[KEY];
}

/** At start: makes the queue and says where mail goes (host and port, never the credentials). */
export function startMailQueue(smtp: SmtpConfig | null): void {
	mailQueue(smtp);
	if (smtp) log().info({ host: smtp.host, port: smtp.port }, `[mail] notices are e-mailed through ${smtp.host}:${smtp.port}`);
	else log().info('[mail] SMTP_URL is not set: notices stay in the app');
}

/** On shutdown: gives the queued mail `deadlineMs` to go, then drops the rest. */
export async function stopMailQueue(deadlineMs: number): Promise<void> {
	const holder = globalThis as Holder;
	const queue = holder[KEY];
	holder[KEY] = null;
	if (queue) await queue.close(deadlineMs);
}
