import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4180);

// Debian's Chromium: browser downloads are impossible here. The background-networking flags stop it dialling
// hosts this machine cannot reach.
const launchOptions = {
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions
	},
	projects: [
		{
			name: 'tablet-landscape',
			use: { ...devices['Desktop Chrome'], viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'vi-VN', launchOptions }
		},
		{
			name: 'tablet-portrait',
			use: { ...devices['Desktop Chrome'], viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'vi-VN', launchOptions },
			// Portrait repeats what the screen's shape can change: reading, marks, layout, accessibility, the viewer and
			// the ballot. The flows below behave the same in both orientations and run once (landscape), which keeps the
			// suite's time in bounds.
			testIgnore: [
				'**/collab.spec.ts',
				'**/voting-elections.spec.ts',
				'**/life.spec.ts',
				'**/minutes.spec.ts',
				'**/offline.spec.ts',
				'**/briefing.spec.ts',
				'**/security-headers.spec.ts',
				'**/console.spec.ts',
				'**/trust.spec.ts',
				'**/secretariat.spec.ts',
				'**/desk.spec.ts',
				'**/tasks.spec.ts'
			]
		}
	],
	webServer: {
		command: 'node scripts/e2e-server.mjs',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		// Sessions behind open sockets checked every 2 s (30 s by default), so a test can see one end.
		env: { PORT: String(PORT), HOST: '127.0.0.1', DEMO_PASSWORD: 'quorum-demo', SESSION_CHECK_SECONDS: '2' }
	}
});
