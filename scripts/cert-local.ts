/**
 * `npm run cert:local -- [folder] [--name host-or-address]… [--org "Ủy ban nhân dân tỉnh …"]`: writes a local
 * certificate authority and a server certificate for this box, so tablets on the hall's LAN reach Quorum over
 * HTTPS (offline reading needs a secure context). Default folder: DATA_DIR/tls. An existing CA in the folder is
 * kept, so tablets that installed it once keep trusting the box when the server certificate is renewed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueServerCertificate, makeLocalAuthority, type PemPair } from '../src/lib/server/tls/local-certificates';

function parseArgs(argv: string[]): { folder: string; names: string[]; org: string } {
	const names: string[] = [];
	let folder: string | null = null;
	let org = 'Quorum';
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--name' || arg === '--org') {
			const value = argv[++i];
			if (!value) throw new Error(`${arg} needs a value`);
			if (arg === '--name') names.push(value);
			else org = value;
		} else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
		else if (folder === null) folder = arg;
		else throw new Error(`one folder only (got "${folder}" and "${arg}")`);
	}
	return { folder: path.resolve(folder ?? path.join(process.env.DATA_DIR || './data', 'tls')), names, org };
}

/** localhost, the box's host name (and its .local mDNS name) and every address it has. */
function boxNames(extra: string[]): string[] {
	const host = os.hostname();
	const addresses = Object.values(os.networkInterfaces())
		.flat()
		.filter((a): a is os.NetworkInterfaceInfo => !!a && !(a.family === 'IPv6' && a.scopeid))
		.map((a) => a.address);
	return [...new Set([...extra, 'localhost', host, ...(host.includes('.') ? [] : [`${host}.local`]), '127.0.0.1', '::1', ...addresses])];
}

function writeFile(file: string, text: string, privateFile: boolean): void {
	// Keys are readable by the owner only (OWASP Cryptographic Storage: protect keys at rest).
	fs.writeFileSync(file, text, { mode: privateFile ? 0o600 : 0o644 });
	if (privateFile) fs.chmodSync(file, 0o600);
}

try {
	const { folder, names: extra, org } = parseArgs(process.argv.slice(2));
	fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
	const caCrt = path.join(folder, 'ca.crt');
	const caKey = path.join(folder, 'ca.key');
	let authority: PemPair;
	let kept = false;
	if (fs.existsSync(caCrt) && fs.existsSync(caKey)) {
		authority = { certificate: fs.readFileSync(caCrt, 'utf8'), privateKey: fs.readFileSync(caKey, 'utf8') };
		kept = true;
	} else {
		authority = makeLocalAuthority(org);
		writeFile(caKey, authority.privateKey, true);
		writeFile(caCrt, authority.certificate, false);
	}
	const names = boxNames(extra);
	const server = issueServerCertificate(authority, names);
	writeFile(path.join(folder, 'server.key'), server.privateKey, true);
	writeFile(path.join(folder, 'server.crt'), server.certificate, false);

	const lanAddress = names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n) && n !== '127.0.0.1') ?? 'localhost';
	console.log(`${kept ? 'Kept the local CA' : 'New local CA'}: ${caCrt} (its key ${caKey} stays on this box; keep it secret)`);
	console.log(`Server certificate for ${names.join(', ')}:`);
	console.log(`  ${path.join(folder, 'server.crt')}\n  ${path.join(folder, 'server.key')}`);
	console.log(`
Start Quorum with HTTPS:
  TLS_CERT=${path.join(folder, 'server.crt')} TLS_KEY=${path.join(folder, 'server.key')} HTTP_REDIRECT_PORT=80 PORT=443 npm start

Install the CA once on each tablet (it is served at http://${lanAddress}/ca.crt while HTTP_REDIRECT_PORT is set):
  iPad / iPhone: open http://${lanAddress}/ca.crt in Safari, allow the download; Settings › General › VPN & Device
    Management › the Quorum profile › Install; then Settings › General › About › Certificate Trust Settings ›
    turn on full trust for "Quorum local CA".
  Android: download http://${lanAddress}/ca.crt; Settings › Security › Encryption & credentials › Install a
    certificate › CA certificate › pick quorum-ca.crt. Chrome trusts it at once.
  Cài chứng chỉ CA một lần trên mỗi máy tính bảng theo các bước trên (mở http://${lanAddress}/ca.crt).

Renewing: run this command again (the CA is kept), then send SIGHUP to the server (systemctl reload quorum).`);
} catch (error) {
	console.error(`cert:local failed: ${(error as Error).message}`);
	process.exit(2);
}
