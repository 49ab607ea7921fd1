import { addressRuleFromEnv, SOCKET_PEER, type AddressRule } from './address';
import { adapterNodeOrigin, viteDevOrigin, type AppOriginRule } from './app-origin';

/**
 * How this process tells where a request was made to and who made it. The node:http doors must judge a request
 * exactly as the SvelteKit they stand beside: adapter-node's rules in production, Vite's dev server in `npm run dev`.
 */
export interface EdgeRules {
	appOrigin: AppOriginRule;
	address: AddressRule;
}

/** Read once, after server/index.ts has settled PROTOCOL_HEADER, like adapter-node reads its handler's env. */
export function productionRules(configuredOrigin: string | null, env: NodeJS.ProcessEnv = process.env): EdgeRules {
	return { appOrigin: adapterNodeOrigin(configuredOrigin, env), address: addressRuleFromEnv(env) };
}

export function devRules(https: boolean): EdgeRules {
	return { appOrigin: viteDevOrigin(https), address: SOCKET_PEER };
}
