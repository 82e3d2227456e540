import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	conditionsOf,
	type FieldCondition,
	type PlaceOrderField,
} from '../../helpers/placeOrderFields';
import { approverEmailLocator, orderTokenLocator } from '../common.descriptions';

/** How a row of the Place Order field spec becomes editor properties (place.description.ts lists them). */

function showFor(when: FieldCondition): NonNullable<IDisplayOptions['show']> {
	const show: NonNullable<IDisplayOptions['show']> = {};
	if (when.levels) show.validationLevel = when.levels;
	if (when.methods) show.dvAuthMethod = when.methods;
	if (when.brands) show.productBrand = when.brands;
	if (when.renewal) show.renewal = [true];
	if (when.adminSeparate) show.adminSameAsTech = [false];
	if (when.csrSources) show.csrSource = when.csrSources;
	return show;
}

export const APPROVER_LIST_HINT =
	"The addresses Servertastic allows for the CSR's domain (or the Domain Name's). The list stays empty until the CSR is entered above; for a CSR from an expression the editor cannot resolve, type or map the address By Value.";

const PREVIOUS_TOKEN_HINT =
	'The token of the order this one renews (Get Many Tokens lists it under used tokens). DigiCert, GeoTrust, RapidSSL and Thawte need it to carry the remaining time over.';

/** What a spec row gives a resource locator: its name, whether required, and when it shows. */
const located = ({ name, required, displayOptions }: INodeProperties) =>
	displayOptions ? { name, required, displayOptions } : { name, required };

/** Field spec row → editor properties: one per condition (they never hold together), shown exactly then. */
export function specProperties(field: PlaceOrderField): INodeProperties[] {
	return conditionsOf(field).map((when) => {
		const show = showFor(when);
		const property: INodeProperties = {
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			default: '',
			required: when.required ?? field.required === true,
			description: field.description,
			placeholder: field.placeholder,
			displayOptions: Object.keys(show).length ? { show } : undefined,
		};
		for (const key of ['description', 'placeholder', 'displayOptions'] as const) {
			if (property[key] === undefined) delete property[key];
		}
		if (field.name === 'approverEmail') {
			// The allowed addresses depend on the domain (the CSR's, or Domain Name), so they are listed from the API.
			return approverEmailLocator(
				{ description: field.description, ...located(property) },
				APPROVER_LIST_HINT,
			);
		}
		if (field.name === 'previousOrderToken') {
			const previous = { ...orderTokenLocator('used', field.description), ...located(property) };
			return { ...previous, displayName: field.displayName, hint: PREVIOUS_TOKEN_HINT };
		}
		return property;
	});
}
