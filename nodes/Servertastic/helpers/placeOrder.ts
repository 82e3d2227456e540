import type { IDataObject } from 'n8n-workflow';

import type { ParsedCsr } from './csr';
import { dcvInstructions } from './dcv';
import type { ItemProblem } from './itemProblem';
import { textOf } from './output';
import {
	addAdditionalParameters,
	readExtraNames,
	readFieldValues,
	readOrderToken,
	readServerOptions,
	readSubject,
} from './placeOrderChecks';
import { type DvAuthMethod, type PlaceOrderContext, PLACE_ORDER_FIELDS } from './placeOrderFields';

/** Everything one item asks for, as read from the node's parameters. */
export interface PlaceOrderInput {
	context: PlaceOrderContext;
	orderToken: string;
	/** Read when the CSR source is paste. */
	csr: string;
	/** Read when Servertastic makes the key pair: the name the API puts in its CSR. */
	domainName?: string;
	sanDomains: string | string[];
	excludeAddon: boolean;
	competitiveUpgrade?: boolean;
	/** '' (the default): the first value productfields offers, filled in by the pre-flight. */
	hashingAlgorithm?: string;
	/** OV and EV: `Other` or `IIS` (api2.md Fields: "Required for OV and EV Certificates"). */
	webServerType?: string;
	/** Values of the spec fields that apply to this order, by node parameter name. */
	values: Record<string, string>;
	additionalParameters: Array<{ name: string; value: string }>;
}

export interface PreparedPlaceOrder {
	body: Record<string, string>;
	commonName: string;
	/** The common name followed by the extra names (SANs) sent with the order. */
	domains: string[];
	/** The CSR sent (paste); undefined when Servertastic makes the key pair. */
	csr?: ParsedCsr;
	csrSource: PlaceOrderContext['csrSource'];
	/** Hashing Algorithm was left at the product's default: productfields picks it. */
	hashingDefault: boolean;
}

export type PlaceOrderPreparation =
	| { ok: true; order: PreparedPlaceOrder }
	| { ok: false; problems: ItemProblem[] };

/**
 * Checks one order completely, before anything is sent, and builds the request body. Every
 * problem found is returned, each naming the field as the user sees it.
 */
export function preparePlaceOrder(input: PlaceOrderInput): PlaceOrderPreparation {
	const { context } = input;
	const problems: ItemProblem[] = [];
	const generate = context.csrSource === 'generate';
	const orderToken = readOrderToken(input.orderToken, problems);
	const subject = readSubject({ generate, csr: input.csr, domainName: input.domainName }, problems);
	const { csr, commonName } = subject;
	const extraNames = readExtraNames(input.sanDomains, subject, context.method, problems);
	const fieldValues = readFieldValues(context, input.values, problems);
	const { hashing, webServerType } = readServerOptions(input, context.level, problems);
	const body = orderBody(
		input,
		{
			orderToken,
			csr,
			domainName: generate ? commonName : undefined,
			extraNames,
			hashing,
			webServerType,
		},
		fieldValues,
	);
	addAdditionalParameters(body, input.additionalParameters, problems);

	if (problems.length || (!csr && !generate)) return { ok: false, problems };
	return {
		ok: true,
		order: {
			body,
			commonName,
			domains: [commonName, ...extraNames],
			csr,
			csrSource: context.csrSource,
			hashingDefault: hashing === '',
		},
	};
}

/** What the checks read, as the body's fields. */
interface CheckedOrder {
	orderToken: string;
	csr?: ParsedCsr;
	/** Set when Servertastic makes the key pair. */
	domainName?: string;
	extraNames: string[];
	hashing: string;
	/** Set for OV and EV. */
	webServerType?: string;
}

function orderBody(
	input: PlaceOrderInput,
	order: CheckedOrder,
	fieldValues: Record<string, string>,
): Record<string, string> {
	const body: Record<string, string> = {
		order_token: order.orderToken,
		dv_auth_method: input.context.method,
	};
	// The order of the Place Order page: token, method, approver, CSR, switches, SANs, then the contact and company blocks.
	if (fieldValues.approver_email_address)
		body.approver_email_address = fieldValues.approver_email_address;
	// The CSR sent is the block that was checked, rebuilt from its bytes; never the pasted text.
	if (order.csr) body.csr = order.csr.pem;
	if (order.domainName !== undefined) body.domain_name = order.domainName;
	body.exclude_addon = input.excludeAddon ? '1' : '0';
	body.renewal = input.context.renewal ? '1' : '0';
	if (input.competitiveUpgrade) body.competitive_upgrade = '1';
	if (order.extraNames.length) body.san_domains = order.extraNames.join(',');
	if (order.hashing) body.hashing_algorithm = order.hashing;
	if (order.webServerType !== undefined) body.web_server_type = order.webServerType;
	for (const field of PLACE_ORDER_FIELDS) {
		const value = fieldValues[field.apiName];
		if (value !== undefined && body[field.apiName] === undefined) body[field.apiName] = value;
	}
	return body;
}

/**
 * How an item of Order → Place came to be: placed now; found already placed by the check before
 * placing (nothing spent); or placed, as the order's state showed after an answer that never came.
 */
export type Placement = 'placed' | 'alreadyPlaced' | 'confirmedAfterUncertainAnswer';

/** One output item of Order → Place: the same keys every time, the API's answer kept under `response`. */
export function placeOrderOutput(
	response: IDataObject,
	order: PreparedPlaceOrder,
	method: DvAuthMethod,
	placement: Placement = 'placed',
): IDataObject {
	return {
		orderToken: order.body.order_token,
		placement,
		status: textOf(response.order_status) ?? (placement === 'placed' ? 'Order Placed' : null),
		resellerOrderId: textOf(response.reseller_order_id),
		inviteUrl: textOf(response.invite_url),
		message: textOf(response.success),
		commonName: order.commonName,
		domains: order.domains,
		validation: dcvInstructions(
			method,
			order.commonName,
			response,
			order.body.approver_email_address ?? null,
		),
		response,
	};
}
