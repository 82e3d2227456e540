import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// PLACEHOLDER: replaced by the real operation (issue 4). Must not remain in a release.
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'account/get is not implemented yet', { itemIndex });
}
