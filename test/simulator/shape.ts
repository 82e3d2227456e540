// The last step of every success answer: the documented reading, then the reading asked for.
import { VARIANTS, applyVariant } from '../contract/variants';
import type { Variant } from '../contract/variants';
import type { Reply, SimulatorSettings } from './context';

export { VARIANTS };
export type { Variant };

/** XML carries only text, so the documented JSON does too (the fixtures): every number as its text. */
function asText(value: unknown): unknown {
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value)) return value.map(asText);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asText(v)]));
	}
	return value;
}

export const isVariant = (name: string): name is Variant =>
	(VARIANTS as readonly string[]).includes(name);

/** The answer of `call` ('order/review') as the settings want it delivered. */
export function shapeAnswer(call: string, reply: Reply, settings: SimulatorSettings): unknown {
	let answer = asText(reply);
	// The old switch: one entry as the bare entry, an empty element as "".
	if (settings.xmlStyleLists)
		answer = applyVariant(call, applyVariant(call, answer, 'one-as-object'), 'empty-as-string');
	const variant = settings.answerVariant;
	if (!isVariant(variant))
		throw new Error(`Unknown answerVariant ${variant}: one of ${VARIANTS.join(', ')}`);
	return applyVariant(call, answer, variant);
}
