// The names a CSR holds: its subject (short attribute names) and the dNSName entries of the
// subjectAltName in its extensionRequest. Damage is a DerError; csr.ts says what it means to the user.
import {
	TAG,
	children,
	elementBytes,
	expectChildren,
	expectTag,
	isStringElement,
	parseDer,
	readOid,
	readString,
	valueBytes,
	type DerElement,
} from './der';

const EXTENSION_REQUESTS = ['1.2.840.113549.1.9.14', '1.3.6.1.4.1.311.2.1.14']; // PKCS#9 and Microsoft's older one
const SUBJECT_ALT_NAME = '2.5.29.17';
const DNS_NAME = 0x82; // GeneralName [2] IMPLICIT IA5String

const ATTRIBUTE_NAMES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.4': 'SN',
	'2.5.4.5': 'serialNumber',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.9': 'street',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.12': 'title',
	'2.5.4.15': 'businessCategory',
	'2.5.4.17': 'postalCode',
	'2.5.4.42': 'GN',
	'2.5.4.97': 'organizationIdentifier',
	'1.2.840.113549.1.9.1': 'emailAddress',
	'0.9.2342.19200300.100.1.25': 'DC',
	'1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
	'1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
	'1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

/** The subject as short names; unknown attributes keyed by dotted OID; the last value wins. */
export function readName(name: DerElement): Record<string, string> {
	const result: Record<string, string> = {};
	for (const relativeName of children(expectTag(name, TAG.SEQUENCE, 'subject'))) {
		for (const attribute of children(expectTag(relativeName, TAG.SET, 'subject'))) {
			const [type, value] = expectChildren(attribute, TAG.SEQUENCE, 2, 2, 'subject attribute');
			const oid = readOid(type);
			// Non-string values are shown as '#' and hex, the way RFC 4514 writes them.
			result[ATTRIBUTE_NAMES[oid] ?? oid] = isStringElement(value)
				? readString(value)
				: '#' + elementBytes(value).toString('hex');
		}
	}
	return result;
}

/** The dNSName entries of the extensionRequest's subjectAltName, in order, as written. */
export function readSubjectAltNames(attributes: DerElement): string[] {
	const names: string[] = [];
	for (const attribute of children(expectTag(attributes, 0xa0, 'CSR attributes'))) {
		const [type, values] = expectChildren(attribute, TAG.SEQUENCE, 2, 2, 'CSR attribute');
		if (!EXTENSION_REQUESTS.includes(readOid(type))) continue;
		for (const extensions of children(expectTag(values, TAG.SET, 'extension request'))) {
			for (const extension of expectChildren(extensions, TAG.SEQUENCE, 0, Infinity, 'extensions')) {
				const fields = expectChildren(extension, TAG.SEQUENCE, 2, 3, 'extension');
				if (fields.length === 3) expectTag(fields[1], TAG.BOOLEAN, 'extension critical flag');
				const extensionValue = valueBytes(
					expectTag(fields[fields.length - 1], TAG.OCTET_STRING, 'extension value'),
				);
				if (readOid(fields[0]) !== SUBJECT_ALT_NAME) continue;
				for (const generalName of expectChildren(
					parseDer(extensionValue),
					TAG.SEQUENCE,
					0,
					Infinity,
					'subjectAltName',
				)) {
					if (generalName.tag === DNS_NAME) names.push(valueBytes(generalName).toString('latin1'));
				}
			}
		}
	}
	return names;
}
