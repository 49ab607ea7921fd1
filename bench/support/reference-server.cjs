// The bare y-websocket 1.5.4 server exactly as its `y-websocket` binary starts it, plus an orderly exit on SIGTERM
// so that `--cpu-prof` can write its profile (the binary itself dies of the signal and writes nothing).
process.on('SIGTERM', () => process.exit(0));
require(require('path').join(__dirname, '../../node_modules/y-websocket-1.5.4/bin/server.js'));
