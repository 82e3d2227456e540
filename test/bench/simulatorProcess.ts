// The simulator in its own process for the benchmark, so it does not share an event loop with the
// contenders. Controlled over IPC: tokens, request counts, latency.
import { makeCsr, startSimulator } from '../simulator';

interface Message {
	id: number;
	type: 'tokens' | 'count' | 'reset' | 'latency' | 'orders';
	n?: number;
	productCode?: string;
	call?: string;
	ms?: number;
}

async function main(): Promise<void> {
	const simulator = await startSimulator({ points: 100_000_000 });
	const csr = makeCsr('shop.example.com').csr;
	process.on('message', (message: Message) => {
		const reply = (value: unknown) => process.send?.({ id: message.id, value });
		if (message.type === 'tokens') {
			reply(Array.from({ length: message.n ?? 1 }, () => simulator.createToken({ productCode: message.productCode ?? 'TrueBizID-12' })));
		} else if (message.type === 'count') {
			reply(message.call ? simulator.requestsTo(message.call).length : simulator.requests.length);
		} else if (message.type === 'reset') {
			simulator.reset();
			reply(true);
		} else if (message.type === 'latency') {
			simulator.settings.latencyMs = message.ms ?? 0;
			reply(true);
		} else if (message.type === 'orders') {
			// Open orders for the trigger figures: tokens placed through the API's state directly.
			const tokens = Array.from({ length: message.n ?? 1 }, () => simulator.createToken({ productCode: 'RapidSSL-12' }));
			reply(tokens.length);
		}
	});
	process.send?.({ id: 0, value: { url: simulator.url, apiKey: simulator.apiKey, csr } });
}

void main();
