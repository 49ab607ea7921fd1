import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) };

export default defineConfig({
	resolve: { alias },
	test: {
		projects: [
			{ resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
			{
				resolve: { alias },
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Each file starts its own production server; two cores, so keep the fan-out small.
					maxWorkers: 2,
					testTimeout: 60_000,
					hookTimeout: 60_000,
					globalSetup: ['tests/integration/global-setup.ts']
				}
			}
		]
	}
});
