import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every repository path the documentation names (`src/…`, `server/…`, `tests/…`, `bench/…`, `scripts/…`,
// `drizzle/…`, `docs/…`) must exist, so a newcomer following docs/architecture.md never lands on a file that moved.
// Patterns (`bench/votes-*.mjs`), placeholders (`<name>`) and elisions (`…`) are not paths and are skipped;
// generated folders (`src/lib/paraglide/`) are allowed when the build makes them.

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = path.join(ROOT, 'docs');
const GENERATED = ['src/lib/paraglide'];

const PATH = /(?<![\w/.-])((?:src|server|tests|bench|scripts|drizzle|docs|static)\/[\w.\-/[\]()+@$]*)/g;

/** The repository paths a Markdown text names, without trailing sentence punctuation. */
export function namedPaths(markdown: string): string[] {
	const found = new Set<string>();
	for (const match of markdown.matchAll(PATH)) {
		const end = match.index! + match[0].length;
		if (/^[*<…{]/.test(markdown.slice(end))) continue;
		// A Markdown link's text ends at `](`.
		let p = match[1]!.split('](')[0]!.replace(/[.,;:)]+$/, '');
		// A closing parenthesis belongs to the path only when the path opened one, as route groups do: `(app)`.
		while (p.endsWith(')') && (p.match(/\(/g)?.length ?? 0) < (p.match(/\)/g)?.length ?? 0)) p = p.slice(0, -1);
		found.add(p);
	}
	return [...found];
}

const exists = (p: string) => GENERATED.some((g) => p.startsWith(g)) || fs.existsSync(path.join(ROOT, p));

describe('paths named in docs/*.md', () => {
	it('finds paths and leaves patterns, placeholders and punctuation out', () => {
		expect(namedPaths('see `src/lib/server/votes/` and server/app.ts, then bench/votes-*.mjs or bench/<name>.mjs.')).toEqual([
			'src/lib/server/votes/',
			'server/app.ts'
		]);
		expect(namedPaths('(`src/routes/(app)/meetings/[id]/+page.svelte`)')).toEqual(['src/routes/(app)/meetings/[id]/+page.svelte']);
		expect(namedPaths('[docs/api.md](api.md)')).toEqual(['docs/api.md']);
	});

	for (const file of fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
		it(`docs/${file}: every named path exists`, () => {
			const missing = namedPaths(fs.readFileSync(path.join(DOCS, file), 'utf8')).filter((p) => !exists(p));
			expect(missing).toEqual([]);
		});
	}
});
