import type { IDataObject } from 'n8n-workflow';
import type { KeyObject, X509Certificate as Certificate } from 'crypto';

import {
	certificateFacts,
	certificatePem,
	orderChain,
	readCertificates,
} from '../../helpers/certificateChain';
import { checkKeyMatches, pkcs7Pem } from '../../helpers/certificateFiles';
import { privateKeyPem, publicKeySha256 } from '../../helpers/keyPair';
import { buildPfx } from '../../helpers/pkcs12';

/**
 * The files Get Certificate Files makes from a tidy order, and the item's summary. Nothing here
 * asks the API or n8n; a CertificateFilesError names what is wrong with the order or the key.
 */

const PEM = 'application/x-pem-file';

/** What the user chose about the key and the files, read and checked by the operation's prepare. */
export interface FileOptions {
	privateKey?: KeyObject;
	passphrase: string;
	pfxPassword: string;
	includeRoot: boolean;
	unencryptedKeyFile: boolean;
}

/** One output file: the binary property that holds it, its name, type and bytes. */
export interface CertificateFile {
	property: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface Files {
	json: IDataObject;
	files: CertificateFile[];
}

function file(
	property: string,
	fileName: string,
	data: string | Buffer,
	mimeType = PEM,
): CertificateFile {
	return {
		property,
		fileName,
		mimeType,
		data: typeof data === 'string' ? Buffer.from(data) : data,
	};
}

/** The order's certificate and the chain to send with it (the root only when asked for). */
function orderCertificates(order: IDataObject, includeRoot: boolean) {
	const [leaf] = readCertificates(String(order.certificate), "The order's certificate");
	const caTexts = (order.intermediateCertificates as string[]) ?? [];
	const intermediates = caTexts.flatMap((text, index) =>
		readCertificates(text, `CA certificate ${index + 1}`),
	);
	const roots = order.rootCertificate
		? readCertificates(String(order.rootCertificate), 'The root certificate')
		: [];
	return { leaf, ...orderChain(leaf, intermediates, roots, includeRoot) };
}

/** certificate.pem, chain.pem (when there is a chain), fullchain.pem and certificate.p7b (when given). */
function certificateFiles(leaf: Certificate, chain: Certificate[], p7b: string | null) {
	const leafPem = certificatePem(leaf);
	const chainPem = chain.map(certificatePem).join('');
	const files: CertificateFile[] = [file('certificate', 'certificate.pem', leafPem)];
	if (chain.length) files.push(file('chain', 'chain.pem', chainPem));
	files.push(file('fullchain', 'fullchain.pem', leafPem + chainPem));
	if (p7b) files.push(file('p7b', 'certificate.p7b', p7b, 'application/x-pkcs7-certificates'));
	return files;
}

/** key.pem (encrypted with the passphrase unless asked otherwise) and certificate.pfx. */
async function keyFiles(
	item: FileOptions & { privateKey: KeyObject },
	certificates: Certificate[],
	friendlyName: string | undefined,
): Promise<CertificateFile[]> {
	const keyPassphrase = item.unencryptedKeyFile ? undefined : item.passphrase || undefined;
	const keyFile = file('key', 'key.pem', privateKeyPem(item.privateKey, keyPassphrase));
	const pfx = await buildPfx({
		privateKey: item.privateKey,
		certificates: certificates.map((certificate) => certificate.raw),
		password: item.pfxPassword,
		friendlyName,
	});
	return [keyFile, file('pfx', 'certificate.pfx', pfx, 'application/x-pkcs12')];
}

/** Every check and every file, from the tidy order; a CertificateFilesError names what is wrong. */
export async function makeFiles(order: IDataObject, item: FileOptions): Promise<Files> {
	const { leaf, chain, leftOut } = orderCertificates(order, item.includeRoot);
	const { privateKey } = item;
	if (privateKey) checkKeyMatches(privateKey, leaf);
	const p7b = order.pkcs7 ? pkcs7Pem(String(order.pkcs7), leaf) : null;
	const files = certificateFiles(leaf, chain, p7b);
	const facts = certificateFacts(leaf, new Date());
	if (privateKey) {
		const friendlyName = typeof facts.commonName === 'string' ? facts.commonName : undefined;
		files.push(...(await keyFiles({ ...item, privateKey }, [leaf, ...chain], friendlyName)));
	}
	const json: IDataObject = {
		orderToken: order.orderToken,
		status: order.status,
		domain: order.domain,
		...facts,
		publicKeySha256: publicKeySha256(leaf.publicKey),
		chainSubjects: chain.map((certificate) => certificate.subject.replace(/\n/g, ', ')),
		leftOutCertificates: leftOut,
		keyMatchesCertificate: privateKey ? true : null,
		files: files.map((entry) => entry.fileName),
	};
	return { json, files };
}
