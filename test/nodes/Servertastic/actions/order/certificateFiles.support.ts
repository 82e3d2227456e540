// Shared steps of the certificate-file tests: a key and CSR made by the node, an order placed with
// it and issued by the simulator, and review answers that carry given certificates.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fixture, serveFixture } from '../../../../contract';
import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';

/** Runs Certificate → Generate Key and CSR; its one output item. */
export async function generateKeyAndCsr(
	simulator: Simulator,
	parameters: INodeParameters,
): Promise<INodeExecutionData> {
	const result = await runServertastic(simulator, {
		resource: 'certificate',
		operation: 'generateKeyAndCsr',
		...parameters,
	});
	if (result.status !== 'success')
		throw new Error(`Generate Key and CSR failed: ${result.error?.message}`);
	return result.success[0];
}

/** Places an order with the CSR (DNS validation) and advances it `advances` times (2: Completed); recording cleared. */
export async function placeAndIssue(
	simulator: Simulator,
	csr: string,
	advances = 2,
	dvAuthMethod = 'DNS',
): Promise<string> {
	const token = await placeOrderThroughNode(simulator, dvAuthMethod, csr);
	for (let step = 0; step < advances; step++) simulator.advance(token);
	simulator.reset();
	return token;
}

/** The binary files of an output item, as bytes, by property. */
export function filesOf(item: INodeExecutionData): Record<string, Buffer> {
	return Object.fromEntries(
		Object.entries(item.binary ?? {}).map(([key, file]) => [key, Buffer.from(file.data, 'base64')]),
	);
}

interface Certificates {
	leaf?: string;
	intermediates?: string[];
	root?: string;
	pkcs7?: string;
}

/** The documented completed review (`caseName`) with these certificates in place of its fake ones. */
export function reviewWith(certificates: Certificates, caseName = 'completed'): IDataObject {
	const review = fixture('order/review', caseName) as IDataObject;
	if (certificates.leaf) review.certificate = certificates.leaf;
	if (certificates.intermediates || certificates.root) {
		review.ca_certs = {
			certificate_info: [
				...(certificates.intermediates ?? []).map((certificate) => ({
					type: 'INTERMEDIATE',
					certificate,
				})),
				...(certificates.root ? [{ type: 'ROOT', certificate: certificates.root }] : []),
			],
		};
	}
	if (certificates.pkcs7) review.pkcs7 = certificates.pkcs7;
	return review;
}

reviewWith.serve = (simulator: Simulator, review: IDataObject): void =>
	serveFixture(simulator, 'order/review', review);
