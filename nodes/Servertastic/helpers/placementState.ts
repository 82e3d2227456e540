import type { IDataObject } from 'n8n-workflow';

import { asList } from './normalise';
import { textOf } from './output';

// Has this token been used to place an order? The documented answers cannot say it with the status
// alone (reasoning and sources in README "API fidelity"):
// - A fresh token reviews as `Order Placed` (api2.md, "Possible order_status values"; Servertastic's own
//   client, STOrderManager::reviewToken, reads `Order Placed` as "new order: go and place it").
// - Right after a place the status can still be `Order Placed`: review is synced with the CA every
//   five minutes (api2.md "review"), and the client's review page shows the place result while the
//   status is still `Order Placed` (www/review.php).
// So `Order Placed` counts as placed only with evidence that place has written to the order: a
// domain (generatetoken takes none; place sets it from the CSR or `domain_name`), an approver, the
// contacts, SANs, a provider order, a certificate. `dv_auth_method` is no evidence: the client treats
// a review of a new token answering `Email` as possible. Modifications are no evidence either: no
// source shows which events a fresh token carries.

/** Statuses a token can be placed from. `Order Generated`: one third-party plugin's first state. */
export const PLACEABLE_STATUSES = ['Order Placed', 'Order Generated'];
/** `Roll Back`: placing failed in Servertastic's systems, "the order needs to be placed again". */
export const PLACE_AGAIN_STATUSES = ['Roll Back'];

export type PlacementState = 'unplaced' | 'placed' | 'placeAgain';

function filled(value: unknown): boolean {
	if (textOf(value) !== null) return true;
	if (Array.isArray(value)) return value.some(filled);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(filled);
	return false;
}

/** The review fields that only a place writes, with what each one is (for a decision report). */
export function placementEvidence(review: IDataObject): string[] {
	const evidence: string[] = [];
	const contact = (name: string) => (review[name] ?? {}) as IDataObject;
	if (textOf(review.domain_name)) evidence.push('domain_name');
	if (filled(review.additional_sans) || filled(review.san_domains))
		evidence.push('additional_sans');
	if (textOf(review.approver_email_address)) evidence.push('approver_email_address');
	if (textOf(review.approver_notified_date)) evidence.push('approver_notified_date');
	if (textOf(review.provider_order_id)) evidence.push('provider_order_id');
	if (textOf(contact('tech_contact').email) || textOf(contact('tech_contact').last_name))
		evidence.push('tech_contact');
	if (textOf(contact('admin_contact').email) || textOf(contact('admin_contact').last_name))
		evidence.push('admin_contact');
	if (textOf(review.certificate)) evidence.push('certificate');
	if (asList((review.reissued_certificates as IDataObject | undefined)?.certificate_info).length) {
		evidence.push('reissued_certificates');
	}
	return evidence;
}

/**
 * `unplaced`: the token can be placed; `placeAgain`: Roll Back, place it again; `placed`: anything
 * else, including an unknown status (never place twice when unsure).
 */
export function placementState(review: IDataObject): PlacementState {
	const status = textOf(review.order_status)?.trim() ?? '';
	if (PLACE_AGAIN_STATUSES.includes(status)) return 'placeAgain';
	if (status === '' || PLACEABLE_STATUSES.includes(status)) {
		return placementEvidence(review).length ? 'placed' : 'unplaced';
	}
	return 'placed';
}

export function isPlaced(review: IDataObject): boolean {
	return placementState(review) === 'placed';
}
