import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CsrError, parseCsr } from '../helpers/csr';
import { asList } from '../helpers/normalise';
import { apiRequest } from '../transport';

/** The approver addresses Servertastic allows for the order's domain: Domain Name, or the CSR's. */
export async function getApproverEmails(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (this.getCurrentNodeParameter('csrSource') === 'generate') {
		const name = this.getCurrentNodeParameter('domainName');
		if (typeof name !== 'string' || !name.trim() || name.trim().startsWith('=')) {
			throw new NodeOperationError(this.getNode(), 'Enter the Domain Name first: the approver addresses depend on it');
		}
		return await approversFor.call(this, name.trim().replace(/^\*\./, '').toLowerCase());
	}
	const csrText = this.getCurrentNodeParameter('csr');
	if (typeof csrText !== 'string' || !csrText.trim() || csrText.trim().startsWith('=')) {
		throw new NodeOperationError(
			this.getNode(),
			'Enter the CSR first: the approver addresses depend on its domain',
		);
	}
	let domain: string;
	try {
		const csr = parseCsr(csrText);
		domain = (csr.commonName ?? csr.subjectAltNames[0] ?? '').replace(/^\*\./, '').toLowerCase();
	} catch (error) {
		const reason = error instanceof CsrError ? error.message : 'not a valid CSR';
		throw new NodeOperationError(this.getNode(), `The CSR cannot be read: ${reason}`);
	}
	if (!domain) throw new NodeOperationError(this.getNode(), 'The CSR names no domain');
	return await approversFor.call(this, domain);
}

/** `approver_email[]{email}` (api2.md "approverlist"); one address may come as a bare object. */
async function approversFor(this: ILoadOptionsFunctions, domain: string): Promise<INodePropertyOptions[]> {
	const response = await apiRequest.call(this, 'order/approverlist', { domain_name: domain });
	return asList(response.approver_email)
		.map((entry) => (typeof entry === 'string' ? entry : String((entry as IDataObject)?.email ?? '')))
		.filter((email) => email.includes('@'))
		.map((email) => ({ name: email, value: email }));
}

/** The account's products as "name (code, level)", for Generate Token. */
export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await apiRequest.call(this, 'product/listproducts', { product_group: 'All' });
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
	return asList(response.products)
		.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as IDataObject) : {}))
		.filter((product) => text(product.st_product_code) !== '')
		.map((product) => {
			const code = text(product.st_product_code);
			const details = [code, text(product.product_validation)].filter(Boolean).join(', ');
			return { name: `${text(product.product_name) || code} (${details})`, value: code };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
