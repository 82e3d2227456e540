// What every call handler gets, and the parameter and order helpers they share.
import { ApiError, ErrorCode, badState, invalid, missing } from './errors';
import { isPending } from './state';
import type { Account, OrderState } from './state';
import type { FaultSettings } from './faults';
import type { FileValidationSettings } from './fileCheck';
import type { Variant } from '../contract/variants';

export interface SimulatorSettings {
	/**
	 * The XML-to-JSON reading the answers come in (test/contract/index.ts VARIANTS): 'documented'
	 * (default), 'one-as-object', 'one-as-array', 'empty-as-string', 'empty-as-object',
	 * 'empty-absent', 'top-level-numeric-keys', 'top-level-item-wrapped', 'required-if-single'.
	 */
	answerVariant: Variant;
	/** Send error bodies with HTTP 200, as the real API sometimes does. */
	errorsWithHttp200: boolean;
	/** Old switch, kept as an alias: `approverlist` answers only its first address, as a bare object. */
	approverListSingle: boolean;
	/** Old switch, kept as an alias: 'one-as-object' and 'empty-as-string' together. */
	xmlStyleLists: boolean;
	/** Milliseconds every answer waits before it is handled (benchmarks: a distant API). */
	latencyMs: number;
	/** Random faults in a share of the answers (faults.ts); undefined for none. */
	faults?: FaultSettings;
	/**
	 * FILE/SFILE validation done for real (fileCheck.ts): the name-to-address map the simulator fetches
	 * through, and when it issues. Undefined (the default): nothing is fetched, orders move only by advance.
	 */
	fileValidation?: FileValidationSettings;
}

export interface CallContext {
	account: Account;
	params: Record<string, string>;
	method: string;
	baseUrl: string;
	settings: SimulatorSettings;
	csrCommonName: (csr: string) => string | undefined;
}

/** An answer body: an object, or a list (productfields' top level). */
export type Reply = Record<string, unknown> | unknown[];
export type Handler = (ctx: CallContext) => Reply;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A parameter's value; empty counts as absent (STC sends every field, most of them empty). */
export function param(ctx: CallContext, name: string): string | undefined {
	const value = ctx.params[name]?.trim();
	return value ? value : undefined;
}

export function required(ctx: CallContext, name: string): string {
	const value = param(ctx, name);
	if (value === undefined) throw missing(name);
	return value;
}

/** Checkbox semantics: present and not a spelled-out false ('0' is how STC sends "no"). */
export function given(ctx: CallContext, name: string): boolean {
	const value = param(ctx, name);
	return value !== undefined && !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function wholeNumber(ctx: CallContext, name: string, fallback: number): number {
	const value = param(ctx, name);
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value)) throw invalid(`${name} must be a whole number`);
	return Number(value);
}

export function requireApiKey(ctx: CallContext): void {
	const key = required(ctx, 'api_key');
	if (key !== ctx.account.apiKey)
		throw new ApiError(ErrorCode.InvalidApiKey, 'Invalid api_key', 401);
}

export function requireOrder(ctx: CallContext): OrderState {
	const order = ctx.account.orders.get(required(ctx, 'order_token'));
	if (!order) throw new ApiError(ErrorCode.InvalidOrderToken, 'Invalid order_token');
	return order;
}

/** The call needs a placed order that is still on its way. */
export function requirePending(order: OrderState, what: string): void {
	if (order.placedAt === undefined && order.status !== 'Cancelled') {
		throw badState(`${what} is not possible: the order has not been placed yet`);
	}
	if (!isPending(order))
		throw badState(`${what} is not possible for an order with status ${order.status}`);
}

export const reviewUrl = (ctx: CallContext, order: OrderState): string =>
	`${ctx.baseUrl}/review/${order.orderToken}`;
export const inviteUrl = (ctx: CallContext, order: OrderState): string =>
	`${ctx.baseUrl}/invite/${order.orderToken}`;
