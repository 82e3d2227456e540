import type { IDataObject } from 'n8n-workflow';

import { daysUntil } from './apiDates';
import { isoDate, numberOrNull } from './normalise';
import { tidyOrder } from './orderReview';
import { textOf } from './output';

/**
 * One order record of `account/review` (`active_orders.active_order`, `completed_orders.completed_order`)
 * or `order/expiring` (`orders.order`): api2.md shows the same seven fields in both, and no token.
 */
export function accountOrder(entry: IDataObject): IDataObject {
	return {
		resellerOrderId: textOf(entry.reseller_order_id),
		status: textOf(entry.order_status),
		productCode: textOf(entry.st_product_code),
		domain: textOf(entry.domain_name),
		orderDate: isoDate(entry.order_date),
		expiryDate: isoDate(entry.expiry_date),
		points: numberOrNull(entry.order_points),
	};
}

/** One entry of `order/expiring`. The API sends no days remaining: they are counted from expiry_date. */
export function expiringOrder(entry: IDataObject, now: Date): IDataObject {
	const order = accountOrder(entry);
	return { ...order, daysRemaining: daysUntil(order.expiryDate as string | null, now) };
}

/**
 * One record of `order/modifiedorders`: review-like, without an order token (api2.md). `checkedAt`
 * is the answer's `data_accuracy`, the `date` to send next time.
 */
export function modifiedOrder(entry: IDataObject, checkedAt: string | null): IDataObject {
	return { ...tidyOrder(entry), checkedAt };
}

/** One token of `order/showtokens`: `{token, reseller_unique_reference}` (api2.md). */
export function listedToken(entry: IDataObject, used: boolean): IDataObject {
	return {
		orderToken: textOf(entry.token),
		resellerReference: textOf(entry.reseller_unique_reference),
		used,
	};
}

/** One product of `product/listproducts`; counts and points as numbers, null when absent. */
export function listedProduct(entry: IDataObject): IDataObject {
	const validation = textOf(entry.product_validation)?.trim().toUpperCase() ?? null;
	return {
		productCode: textOf(entry.st_product_code),
		name: textOf(entry.product_name),
		description: textOf(entry.html_description),
		validationLevel: validation,
		minSanCount: numberOrNull(entry.min_san_count),
		maxSanCount: numberOrNull(entry.max_san_count),
		maxServerCount: numberOrNull(entry.max_server_count),
		points: numberOrNull(entry.product_points),
		baseSanPoints: numberOrNull(entry.base_san_points),
	};
}

/**
 * One `record` of `account/pointsaudit` (api2.md): points spent are negative, points added positive.
 * `orderToken` is data the user asked for; it is never put into an error text.
 */
export function auditEntry(entry: IDataObject): IDataObject {
	return {
		date: isoDate(entry.Timestamp),
		points: numberOrNull(entry.PointsAdjustment),
		balance: numberOrNull(entry.NewPointsTotal),
		description: textOf(entry.Description),
		orderDate: isoDate(entry.OrderDate),
		orderReference: textOf(entry.OrderReference),
		orderToken: textOf(entry.OrderToken),
		notes: textOf(entry.Notes),
	};
}

/** The first `limit` entries; all of them when limit is undefined (Return All). */
export function upTo<T>(entries: T[], limit: number | undefined): T[] {
	return limit === undefined ? entries : entries.slice(0, limit);
}
