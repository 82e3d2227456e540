import type { IDataObject } from 'n8n-workflow';

import { asList } from './normalise';
import { isoDate } from './orderReview';
import { textOf } from './output';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The object entries of a list in an answer. XML-derived JSON may also wrap a list in its element
 * name (`orders: { order: [...] }`): `wrapperKey` names that element. Anything but objects is dropped.
 */
export function entriesOf(value: unknown, wrapperKey?: string): IDataObject[] {
	let list = value;
	if (wrapperKey && typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const inner = (value as IDataObject)[wrapperKey];
		if (typeof inner === 'object' && inner !== null) list = inner;
	}
	return asList(list).filter(
		(entry): entry is IDataObject => typeof entry === 'object' && entry !== null && !Array.isArray(entry),
	);
}

/** A number from a number or a numeric text (the API's JSON comes from XML: numbers may be text). */
export function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const text = textOf(value)?.trim();
	if (!text) return null;
	const number = Number(text);
	return Number.isFinite(number) ? number : null;
}

/** An order as the list calls (expiring, modifiedorders, showtokens) describe it: the same keys every time. */
export interface ListedOrder extends IDataObject {
	orderToken: string | null;
	resellerOrderId: string | null;
	resellerReference: string | null;
	status: string | null;
	productCode: string | null;
	domain: string | null;
}

export function listedOrder(entry: IDataObject): ListedOrder {
	return {
		orderToken: textOf(entry.order_token),
		resellerOrderId: textOf(entry.reseller_order_id),
		resellerReference: textOf(entry.reseller_unique_reference),
		status: textOf(entry.order_status),
		productCode: textOf(entry.st_product_code),
		domain: textOf(entry.domain_name),
	};
}

/** One entry of `order/expiring`. Without `days_remaining`, the days are counted from the expiry date. */
export function expiringOrder(entry: IDataObject, now: Date): IDataObject {
	const expiryDate = isoDate(entry.expiry_date);
	let daysRemaining = numberOrNull(entry.days_remaining);
	const expiry = expiryDate ? Date.parse(expiryDate) : NaN;
	if (daysRemaining === null && !Number.isNaN(expiry)) {
		daysRemaining = Math.ceil((expiry - now.getTime()) / DAY_MS);
	}
	return { ...listedOrder(entry), expiryDate, daysRemaining };
}

/** One entry of `order/modifiedorders`; `checkedAt` is the answer's own time, the next "since". */
export function modifiedOrder(entry: IDataObject, checkedAt: string | null): IDataObject {
	return { ...listedOrder(entry), modifiedDate: isoDate(entry.modified_date), checkedAt };
}

/** One token of `order/showtokens`. */
export function listedToken(entry: IDataObject, used: boolean): IDataObject {
	return { ...listedOrder(entry), createdDate: isoDate(entry.date_created), used };
}

export type ValidationLevel = 'DV' | 'OV' | 'EV';
export const PRODUCT_VALIDATION_LEVELS: readonly ValidationLevel[] = ['DV', 'OV', 'EV'];

/** One product of `product/listproducts`; counts and points as numbers, null when absent. */
export function listedProduct(entry: IDataObject): IDataObject {
	const validation = textOf(entry.product_validation)?.trim().toUpperCase() ?? null;
	return {
		productCode: textOf(entry.st_product_code),
		name: textOf(entry.product_name),
		validationLevel: validation,
		minSanCount: numberOrNull(entry.min_san_count),
		maxSanCount: numberOrNull(entry.max_san_count),
		maxServerCount: numberOrNull(entry.max_server_count),
		points: numberOrNull(entry.points),
	};
}

/** One entry of `account/pointsaudit`: points spent are negative, points added positive. */
export function auditEntry(entry: IDataObject): IDataObject {
	return {
		date: isoDate(entry.date),
		points: numberOrNull(entry.points),
		balance: numberOrNull(entry.balance),
		description: textOf(entry.description),
		resellerOrderId: textOf(entry.reseller_order_id),
	};
}

/** The first `limit` entries; all of them when limit is undefined (Return All). */
export function upTo<T>(entries: T[], limit: number | undefined): T[] {
	return limit === undefined ? entries : entries.slice(0, limit);
}
