import { z } from 'zod';

// Zod 4 probes `new Function("")` to compile fast object parsers. The Content-Security-Policy forbids eval
// (OWASP Content Security Policy Cheat Sheet: no 'unsafe-eval' in script-src), so the probe is reported as a
// violation on every page that parses a majority rule: the browser parses without compiling.
z.config({ jitless: true });
