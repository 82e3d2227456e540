import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemProblem } from '../../helpers/itemProblem';
import { type PreparedPlaceOrder, preparePlaceOrder } from '../../helpers/placeOrder';
import {
	CSR_SOURCES,
	DV_AUTH_METHODS,
	fieldApplies,
	type PlaceOrderContext,
	PLACE_ORDER_FIELDS,
	PRODUCT_BRANDS,
	VALIDATION_LEVELS,
} from '../../helpers/placeOrderFields';
import {
	readBoolean,
	readChoice,
	readCollection,
	readNameValuePairs,
	readText,
	readTextOrList,
} from '../parameters';
import { problemsError } from './place.preflight';

/** What Order → Place reads of one item and checks before anything is sent (place.operation.ts sends). */

interface PlaceOptions {
	checkOrderFirst: boolean;
	ifAlreadyPlaced: 'returnState' | 'fail';
	preflight: boolean;
	validateOnly: boolean;
}

export interface PreparedItem {
	options: PlaceOptions;
	order?: PreparedPlaceOrder;
	method: PlaceOrderContext['method'];
	chosen: Pick<PlaceOrderContext, 'level' | 'brand'>;
	/** Local problems; only kept (not thrown) in Validate Only mode, to be reported. */
	problems: ItemProblem[];
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
		level: readChoice(
			this,
			'validationLevel',
			itemIndex,
			'Product Validation Level',
			VALIDATION_LEVELS,
		),
		method: readChoice(this, 'dvAuthMethod', itemIndex, 'Validation Method', DV_AUTH_METHODS),
		brand: readChoice(this, 'productBrand', itemIndex, 'Product Brand', PRODUCT_BRANDS),
		renewal: readBoolean(this, 'renewal', itemIndex, 'Renewal'),
		adminSameAsTech: readBoolean(this, 'adminSameAsTech', itemIndex, 'Admin Same as Tech Contact'),
		csrSource: readChoice(this, 'csrSource', itemIndex, 'CSR Source', CSR_SOURCES),
	};
	const generate = context.csrSource === 'generate';
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
		csr: generate ? '' : readText(this, 'csr', itemIndex, 'CSR'),
		domainName: generate ? readText(this, 'domainName', itemIndex, 'Domain Name') : undefined,
		sanDomains: readTextOrList(this, 'sanDomains', itemIndex, 'Additional Domains (SANs)'),
		excludeAddon: readBoolean(this, 'excludeAddon', itemIndex, 'Exclude Free Www'),
		competitiveUpgrade: readBoolean(this, 'competitiveUpgrade', itemIndex, 'Competitive Upgrade'),
		hashingAlgorithm: readText(this, 'hashingAlgorithm', itemIndex, 'Hashing Algorithm'),
		webServerType:
			context.level === 'DV'
				? undefined
				: readText(this, 'webServerType', itemIndex, 'Web Server Type'),
		values,
		additionalParameters,
	});
	const additionalNames = additionalParameters.map((pair) => pair.name.trim());
	const common = {
		options,
		method: context.method,
		chosen: { level: context.level, brand: context.brand },
		additionalNames,
	};
	if (preparation.ok) return { ...common, order: preparation.order, problems: [] };
	if (!options.validateOnly) throw problemsError.call(this, preparation.problems, itemIndex);
	return { ...common, problems: preparation.problems };
}
