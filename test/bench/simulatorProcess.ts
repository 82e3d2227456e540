// The simulator in its own process for the benchmark, so it does not share an event loop with the
// contenders. Controlled over IPC: tokens, request counts, latency, open orders for the trigger.
import { makeCsr, startSimulator } from '../simulator';

interface Message {
	id: number;
	type: 'tokens' | 'count' | 'calls' | 'placeBody' | 'reset' | 'latency' | 'orders' | 'advance';
	n?: number;
	productCode?: string;
	call?: string;
	ms?: number;
}

async function main(): Promise<void> {
	const simulator = await startSimulator({ points: 1_000_000_000 });
	const csr = makeCsr('shop.example.com').csr;
	let open: string[] = [];
	process.on('message', (message: Message) => {
		const reply = (value: unknown) => process.send?.({ id: message.id, value });
		if (message.type === 'tokens') {
			reply(
				Array.from({ length: message.n ?? 1 }, () =>
					simulator.createToken({ productCode: message.productCode ?? 'TrueBizID-12' }),
				),
			);
		} else if (message.type === 'count') {
			reply(message.call ? simulator.requestsTo(message.call).length : simulator.requests.length);
		} else if (message.type === 'calls') {
			// Requests per call since the last reset: { 'order/review': 50, … }.
			const tally: Record<string, number> = {};
			for (const request of simulator.requests)
				tally[request.call] = (tally[request.call] ?? 0) + 1;
			reply(tally);
		} else if (message.type === 'placeBody') {
			reply(simulator.requestsTo('order/place').at(-1)?.body ?? null);
		} else if (message.type === 'reset') {
			// The recording only: tokens made for later runs stay valid.
			simulator.reset();
			reply(true);
		} else if (message.type === 'latency') {
			simulator.settings.latencyMs = message.ms ?? 0;
			reply(true);
		} else if (message.type === 'orders') {
			// Open orders for the trigger: placed and waiting, as its tests make them.
			simulator.reset({ state: true });
			open = Array.from({ length: message.n ?? 1 }, (_, i) => {
				const token = simulator.createToken({ productCode: 'RapidSSL-12' });
				const order = simulator.getOrder(token)!;
				order.status = i % 2 ? 'Awaiting Customer Verification' : 'Order Placed';
				order.domainName = `open${i}.example.com`;
				order.placedAt = new Date();
				// Its placing as a dated modification: modifiedorders records carry them (api2.md), and
				// the trigger knows an order's change by its latest modification date.
				order.modifications.push({
					date: order.modifiedAt,
					eventId: 1_000_000 + i,
					eventName: 'Order Placed',
				});
				return token;
			});
			reply(open.length);
		} else if (message.type === 'advance') {
			// n of the open orders move on a status: the trigger's pending events.
			for (const token of open.slice(0, message.n ?? 1)) simulator.advance(token);
			reply(true);
		}
	});
	process.send?.({ id: 0, value: { url: simulator.url, apiKey: simulator.apiKey, csr } });
}

void main();
