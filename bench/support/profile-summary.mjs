// `node bench/support/profile-summary.mjs <file.cpuprofile> [name…]`: what a V8 CPU profile (node --cpu-prof,
// BENCH_CPU_PROF) spent, as text: the functions with the most self time, then, for each name given, the time
// spent inside that function and what it called (inclusive), so a flame graph's wide towers can be quoted.
import fs from 'node:fs';

const [file, ...names] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
	const id = profile.samples[i];
	self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const total = [...self.values()].reduce((a, b) => a + b, 0);
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5);

const selfByLabel = new Map();
for (const [id, us] of self) {
	const l = label(byId.get(id));
	selfByLabel.set(l, (selfByLabel.get(l) ?? 0) + us);
}
console.log(`total sampled ${ms(total)} ms`);
console.log('self time:');
for (const [l, us] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms(us)} ms ${pct(us)} %  ${l}`);

for (const name of names) {
	// Inclusive: every sample whose stack holds a frame named `name` (counted once per sample).
	let inclusive = 0;
	for (const [id, us] of self) {
		for (let at = id; at !== undefined; at = parent.get(at)) {
			if (byId.get(at).callFrame.functionName === name) {
				inclusive += us;
				break;
			}
		}
	}
	console.log(`inclusive ${name}: ${ms(inclusive)} ms ${pct(inclusive)} %`);
}
