import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type https from 'node:https';
import type { TlsConfig } from '../src/lib/server/config';
import type { EdgeRoute } from './routes';
import { log } from '../src/lib/server/log';

export interface TlsFiles {
	cert: Buffer;
	key: Buffer;
}

/** Reads the PEM files now: at start, and again on SIGHUP so a renewed certificate needs no restart. */
export function readTlsFiles(tls: TlsConfig): TlsFiles {
	return { cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) };
}

/**
 * Swaps the certificate of a running HTTPS server. Connections already open keep the context they shook hands
 * with; new ones get the new certificate. A pair that does not load (half-copied renewal, key that does not
 * match) leaves the old one serving and says why.
 */
export function reloadCertificate(server: https.Server, tls: TlsConfig): boolean {
	try {
		server.setSecureContext(readTlsFiles(tls));
		log().info({ certFile: tls.certFile }, 'TLS certificate reloaded');
		return true;
	} catch (error) {
		log().error({ err: error }, 'TLS certificate not reloaded, the previous one keeps serving');
		return false;
	}
}

/**
 * `GET /ca.crt`: the local authority's certificate (public by nature), so a tablet can install it from the
 * hall's own network. Only when the operator's certificate folder holds one (`npm run cert:local` writes it).
 */
export function caCertificateRoute(caFile: string | null): EdgeRoute {
	return (req: IncomingMessage, res: ServerResponse) => {
		if (!caFile || req.url !== '/ca.crt' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
		let pem: Buffer;
		try {
			pem = fs.readFileSync(caFile);
		} catch {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('No local certificate authority here.');
			return true;
		}
		// iOS and Android offer to install a profile/CA when the type is application/x-x509-ca-cert.
		res.writeHead(200, {
			'content-type': 'application/x-x509-ca-cert',
			'content-disposition': 'attachment; filename="quorum-ca.crt"',
			'content-length': pem.length,
			'cache-control': 'no-cache'
		});
		res.end(req.method === 'HEAD' ? undefined : pem);
		return true;
	};
}
