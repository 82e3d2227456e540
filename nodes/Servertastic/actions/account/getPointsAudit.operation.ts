import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { auditEntry, upTo } from '../../helpers/listEntries';
import { entriesOf } from '../../helpers/normalise';
import { apiRequest } from '../../transport';
import { concurrencyOption, returnAllOrLimit, optionsCollection } from '../common.descriptions';
import { asItems, readLimit } from '../listOperations';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getPointsAudit'] } },
	properties,
);

/** The history of points added and spent (`account/pointsaudit`), one item per entry, as the API lists them. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const answer = await apiRequest.call(this, 'account/pointsaudit', {}, { itemIndex });
	// `record` repeats, one per transaction (api2.md "pointsaudit").
	const entries = entriesOf(answer.record).map(auditEntry);
	return asItems(upTo(entries, limit), itemIndex);
}
