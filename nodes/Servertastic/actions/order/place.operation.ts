import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { placeOrderOutput, type Placement } from '../../helpers/output';
import { tidyOrder } from '../../helpers/orderReview';
import { normaliseProductFields, preflightProblems } from '../../helpers/productFields';
import { type FieldProblem, type PreparedPlaceOrder, preparePlaceOrder } from '../../helpers/placeOrder';
import {
	DV_AUTH_METHODS,
	fieldApplies,
	type PlaceOrderContext,
	type PlaceOrderField,
	PLACE_ORDER_FIELDS,
	PRODUCT_BRANDS,
	VALIDATION_LEVELS,
} from '../../helpers/placeOrderFields';
import { apiRequest, isUncertainOutcome } from '../../transport';
import { concurrencyOption, optionsCollection } from '../common.descriptions';
import {
	readBoolean,
	readChoice,
	readCollection,
	readNameValuePairs,
	readText,
	readTextOrList,
} from '../parameters';

/** Field spec row → editor property, shown exactly when the row applies (see fieldApplies). */
function specProperty(field: PlaceOrderField): INodeProperties {
	const show: IDisplayOptions['show'] = {};
	const when = field.when ?? {};
	if (when.levels) show.validationLevel = when.levels;
	if (when.methods) show.dvAuthMethod = when.methods;
	if (when.brands) show.productBrand = when.brands;
	if (when.renewal) show.renewal = [true];
	if (when.adminSeparate) show.adminSameAsTech = [false];
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: '',
		required: field.required === true,
		description: field.description,
		placeholder: field.placeholder,
		displayOptions: Object.keys(show).length ? { show } : undefined,
	};
	if (field.check === 'token') property.typeOptions = { password: true };
	if (field.name === 'approverEmail') {
		// The allowed addresses depend on the CSR's domain, so they are loaded from the API.
		property.type = 'options';
		property.typeOptions = { loadOptionsMethod: 'getApproverEmails', loadOptionsDependsOn: ['csr'] };
	}
	for (const key of ['description', 'placeholder', 'displayOptions'] as const) {
		if (property[key] === undefined) delete property[key];
	}
	return property;
}

const spec = (name: string) => specProperty(PLACE_ORDER_FIELDS.find((field) => field.name === name)!);
const specGroup = (prefix: string) =>
	PLACE_ORDER_FIELDS.filter((field) => field.name.startsWith(prefix)).map(specProperty);

const properties: INodeProperties[] = [
	{
		displayName: 'Order Token',
		name: 'orderToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'Token from Generate Token or the Servertastic control panel. Placing the order spends the points of its product.',
	},
	{
		displayName: 'Product Validation Level',
		name: 'validationLevel',
		type: 'options',
		options: [
			{ name: 'DV (Domain Validated)', value: 'DV' },
			{ name: 'OV (Organisation Validated)', value: 'OV' },
			{ name: 'EV (Extended Validation)', value: 'EV' },
		],
		default: 'DV',
		description:
			"The validation level of the token's product. OV and EV need the organisation's details.",
	},
	{
		displayName: 'Product Brand',
		name: 'productBrand',
		type: 'options',
		options: [
			{ name: 'DigiCert (Secure Site)', value: 'digicert' },
			{ name: 'GeoTrust (QuickSSL, True BusinessID)', value: 'geotrust' },
			{ name: 'Other', value: 'other' },
			{ name: 'PositiveSSL', value: 'positivessl' },
			{ name: 'RapidSSL', value: 'rapidssl' },
			{ name: 'SectigoSSL', value: 'sectigossl' },
			{ name: 'Thawte (SSL123, SSL Web Server)', value: 'thawte' },
		],
		default: 'other',
		description: 'Some brands take extra fields: the intermediate CA choice, Sectigo contact details',
	},
	{
		displayName: 'Validation Method',
		name: 'dvAuthMethod',
		type: 'options',
		options: [
			{ name: 'DNS', value: 'DNS', description: 'Add a DNS record to the domain' },
			{ name: 'Email', value: 'EMAIL', description: 'Approve an email sent to an approver address' },
			{
				name: 'HTTP File',
				value: 'FILE',
				description: 'Publish a file over HTTP (not for wildcard names)',
			},
			{
				name: 'HTTPS File',
				value: 'SFILE',
				description: 'Publish a file over HTTPS (not for wildcard names)',
			},
		],
		default: 'EMAIL',
		description: 'How the certificate authority checks control of the domain (DCV)',
	},
	spec('approverEmail'),
	{
		displayName: 'CSR',
		name: 'csr',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: '-----BEGIN CERTIFICATE REQUEST-----',
		description:
			'The certificate signing request in PEM form, made with an RSA key of at least 2048 bits or an EC P-256/P-384 key',
	},
	{
		displayName: 'Additional Domains (SANs)',
		name: 'sanDomains',
		type: 'string',
		default: '',
		placeholder: 'shop.example.com, mail.example.com',
		description:
			"Extra names for a multi-domain order, separated by commas; at most the token's SAN count",
	},
	{
		displayName: 'Exclude Free Www or Base Domain',
		name: 'excludeAddon',
		type: 'boolean',
		default: false,
		description:
			'Whether to certify only the name in the CSR. Otherwise a single-domain certificate also covers www (or, for a www name, the base domain).',
	},
	{
		displayName: 'Renewal',
		name: 'renewal',
		type: 'boolean',
		default: false,
		description:
			'Whether this order renews an earlier certificate. Up to 90 days left on the old one carry over.',
	},
	spec('previousOrderToken'),
	...specGroup('tech'),
	{
		displayName: 'Admin Contact Same as Technical Contact',
		name: 'adminSameAsTech',
		type: 'boolean',
		default: true,
		description: 'Whether to send the technical contact as the administrative contact too',
	},
	...specGroup('admin'),
	...specGroup('ida'),
	...specGroup('org'),
	spec('intermediateCa'),
	{
		displayName: 'Additional Parameters',
		name: 'additionalParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Parameter',
		description:
			'Parameters sent as given, for names that Get Product Fields reports and this node has no field for',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. org_incorperating_agency',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Check Against Product Fields',
			name: 'preflight',
			type: 'boolean',
			default: true,
			description:
				"Whether to check the order against the token's product fields (Get Product Fields) before placing: required fields, allowed values, SAN count, unknown additional parameters",
		},
		{
			displayName: 'Check Order First',
			name: 'checkOrderFirst',
			type: 'boolean',
			default: true,
			description:
				'Whether to look the order up before placing it, so that running the workflow again never places a token twice',
		},
		concurrencyOption,
		{
			displayName: 'If Already Placed',
			name: 'ifAlreadyPlaced',
			type: 'options',
			options: [
				{
					name: 'Return Its Current State',
					value: 'returnState',
					description: 'Output the order as it is now, marked placement "alreadyPlaced"',
				},
				{ name: 'Fail', value: 'fail', description: 'Treat it as an error for this item' },
			],
			default: 'returnState',
			description: 'What to do when Check Order First finds the order already placed',
		},
		{
			displayName: 'Validate Only (Dry Run)',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to run every check and report what would be sent and what is missing, without placing the order or spending points',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['place'] } },
	properties,
);

function problemsError(
	this: IExecuteFunctions,
	problems: FieldProblem[],
	itemIndex: number,
): NodeOperationError {
	const [first] = problems;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return new NodeOperationError(
		this.getNode(),
		`'${first.field}' ${first.problem}${more} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Nothing was sent to Servertastic. Fix:\n${problems
				.map((problem) => `- '${problem.field}' ${problem.problem}`)
				.join('\n')}`,
		},
	);
}

interface PlaceOptions {
	checkOrderFirst: boolean;
	ifAlreadyPlaced: 'returnState' | 'fail';
	preflight: boolean;
	validateOnly: boolean;
}

interface PreparedItem {
	options: PlaceOptions;
	order?: PreparedPlaceOrder;
	method: PlaceOrderContext['method'];
	/** Local problems; only kept (not thrown) in Validate Only mode, to be reported. */
	problems: FieldProblem[];
	additionalNames: string[];
}

function readOptions(context: IExecuteFunctions, itemIndex: number): PlaceOptions {
	const options = readCollection(context, 'options', itemIndex);
	return {
		checkOrderFirst: options.checkOrderFirst !== false,
		ifAlreadyPlaced: options.ifAlreadyPlaced === 'fail' ? 'fail' : 'returnState',
		preflight: options.preflight !== false,
		validateOnly: options.validateOnly === true,
	};
}

/** Reads and checks one item, with no request: the router runs this for every item first. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const options = readOptions(this, itemIndex);
	const context: PlaceOrderContext = {
		level: readChoice(this, 'validationLevel', itemIndex, 'Product Validation Level', VALIDATION_LEVELS),
		method: readChoice(this, 'dvAuthMethod', itemIndex, 'Validation Method', DV_AUTH_METHODS),
		brand: readChoice(this, 'productBrand', itemIndex, 'Product Brand', PRODUCT_BRANDS),
		renewal: readBoolean(this, 'renewal', itemIndex, 'Renewal'),
		adminSameAsTech: readBoolean(
			this,
			'adminSameAsTech',
			itemIndex,
			'Admin Contact Same as Technical Contact',
		),
	};
	// Only the fields that apply to this order are read, so hidden values are never sent.
	const values: Record<string, string> = {};
	for (const field of PLACE_ORDER_FIELDS) {
		if (fieldApplies(field, context)) {
			values[field.name] = readText(this, field.name, itemIndex, field.displayName);
		}
	}
	const additionalParameters = readNameValuePairs(
		this,
		'additionalParameters',
		itemIndex,
		'Additional Parameters',
	);
	const preparation = preparePlaceOrder({
		context,
		orderToken: readText(this, 'orderToken', itemIndex, 'Order Token'),
		csr: readText(this, 'csr', itemIndex, 'CSR'),
		sanDomains: readTextOrList(this, 'sanDomains', itemIndex, 'Additional Domains (SANs)'),
		excludeAddon: readBoolean(this, 'excludeAddon', itemIndex, 'Exclude Free Www or Base Domain'),
		values,
		additionalParameters,
	});
	const additionalNames = additionalParameters.map((pair) => pair.name.trim());
	if (preparation.ok) {
		return { options, order: preparation.order, method: context.method, problems: [], additionalNames };
	}
	if (!options.validateOnly) throw problemsError.call(this, preparation.problems, itemIndex);
	return { options, method: context.method, problems: preparation.problems, additionalNames };
}

/** The report of Validate Only: what would be sent and everything that stands in the way. */
function validationReport(prepared: PreparedItem, problems: FieldProblem[], checkedWithApi: boolean): IDataObject {
	return {
		valid: problems.length === 0,
		problems: problems.map((problem) => `'${problem.field}' ${problem.problem}`),
		checkedAgainstProductFields: checkedWithApi,
		orderToken: prepared.order?.body.order_token ?? null,
		commonName: prepared.order?.commonName ?? null,
		domains: prepared.order?.domains ?? [],
		wouldSend: prepared.order?.body ?? null,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const item = prepared ?? (await prepare.call(this, itemIndex));
	const { options, method } = item;
	const order = item.order;
	if (!order) {
		// Validate Only with local problems: the API cannot add anything useful without a valid order.
		return [{ json: validationReport(item, item.problems, false), pairedItem: { item: itemIndex } }];
	}
	const token = order.body.order_token;
	const stateOf = async (placement: Placement) => {
		const review = await apiRequest.call(this, 'order/review', { order_token: token }, { itemIndex });
		const tidy = tidyOrder(review);
		return { review, tidy, placement };
	};
	const reportState = (review: IDataObject, placement: Placement, message: string) => {
		const validation = tidyOrder(review).validation as IDataObject | null;
		const reviewMethod = validation?.method as typeof method | undefined;
		const output = placeOrderOutput(review, order, reviewMethod ?? method, placement);
		return [{ json: { ...output, message }, pairedItem: { item: itemIndex } }];
	};

	let sanCount: number | null = null;
	if (options.checkOrderFirst || options.validateOnly) {
		const { review, tidy: state } = await stateOf('alreadyPlaced');
		sanCount = Number.isFinite(Number(review.san_count)) ? Number(review.san_count) : null;
		if (state.isPlaced && !options.validateOnly) {
			if (options.ifAlreadyPlaced === 'fail') {
				throw new NodeOperationError(
					this.getNode(),
					`The order is already placed (status: ${String(state.status)}) [item ${itemIndex}]`,
					{ itemIndex, description: 'Nothing was sent. Use Order → Get to follow it.' },
				);
			}
			return reportState(review, 'alreadyPlaced', 'The order was already placed; nothing was sent');
		}
		if (state.isPlaced) {
			const problems = [{ field: 'Order Token', problem: `is already placed (status: ${String(state.status)})` }];
			return [{ json: validationReport(item, problems, false), pairedItem: { item: itemIndex } }];
		}
	}
	if (options.preflight || options.validateOnly) {
		const fields = normaliseProductFields(
			await apiRequest.call(this, 'order/productfields', { order_token: token }, { itemIndex }),
		);
		const problems = preflightProblems(order.body, fields, { additionalNames: item.additionalNames, sanCount });
		if (options.validateOnly) {
			return [{ json: validationReport(item, problems, true), pairedItem: { item: itemIndex } }];
		}
		if (problems.length) throw problemsError.call(this, problems, itemIndex);
	}

	// POST: the API requires it when a CSR is sent. Never retried: a repeat could spend points twice.
	const attempt = await apiRequest
		.call(this, 'order/place', order.body, { method: 'POST', itemIndex })
		.then(
			(answer) => ({ answer, failure: undefined }),
			(failure: NodeApiError) => ({ answer: undefined, failure }),
		);
	if (attempt.failure) {
		if (!isUncertainOutcome(attempt.failure)) throw attempt.failure;
		// No clear answer: the order may have been placed. Its state decides; never send it again.
		const placeFailure = attempt.failure;
		const checked = await stateOf('confirmedAfterUncertainAnswer').then(
			(state) => state,
			() => undefined,
		);
		if (!checked) {
			throw new NodeApiError(this.getNode(), {}, {
				message: `${placeFailure.message}; the order may have been placed and its state could not be read`,
				description:
					'Do not place it again by hand: run the workflow again (Check Order First finds a placed order) or use Order → Get.',
				itemIndex,
			});
		}
		const { review, tidy: state } = checked;
		if (!state.isPlaced) throw placeFailure;
		return reportState(
			review,
			'confirmedAfterUncertainAnswer',
			'The order was placed; its answer was lost and its state confirms it',
		);
	}
	const response = attempt.answer as IDataObject;
	if (response.success === undefined) {
		throw new NodeApiError(this.getNode(), {}, {
			message: 'Servertastic did not confirm the order',
			description:
				'The answer held neither "success" nor "error". Get the order to see whether it was placed before trying again.',
			itemIndex,
		});
	}
	return [{ json: placeOrderOutput(response, order, method), pairedItem: { item: itemIndex } }];
}
