import type { IDataObject } from 'n8n-workflow';

import { entriesOf } from './normalise';
import { textOf } from './output';

/** The account's order tokens as showtokens lists them: Generate Token's lookup and the From List search read them. */

export interface EarlierToken {
	entry: IDataObject;
	orderToken: string;
	/** Listed under used_tokens: an order was placed with it. */
	used: boolean;
	/** The token's review: showtokens lists no product or status (api2.md), review does. */
	review?: IDataObject;
}

/**
 * The tokens of a showtokens list as documented (api2.md "showTokens"): `unused_tokens.order_token`
 * and `used_tokens.order_token`, one `{token, reseller_unique_reference}` or a list of them; an
 * empty list "", {} or absent. A bare list of entries is read too.
 */
export function listedTokens(
	list: unknown,
	used: boolean,
): Array<EarlierToken & { reference: string | null }> {
	return entriesOf(list, 'order_token')
		.map((entry) => ({
			entry,
			orderToken: (textOf(entry.token) ?? textOf(entry.order_token) ?? '').trim(),
			reference: textOf(entry.reseller_unique_reference)?.trim() ?? null,
			used,
		}))
		.filter((listed) => listed.orderToken !== '');
}
