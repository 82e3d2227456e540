// The tidy output the read operations and the trigger must give for each contract fixture, written out
// field by field from the fixtures (test/contract/fixtures). Every reading (variants.ts) gives the same.
import type { IDataObject } from 'n8n-workflow';

import { fixture } from '.';

/** The token the operations are run with: the review carries none, so it comes from here. */
export const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** The node's clock for the whole suite (Get Many Expiring and the trigger count days from it). */
export const NOW = new Date('2024-03-12T12:00:00Z');

const completed = fixture('order/review', 'completed') as IDataObject;
const certificates = (completed.ca_certs as { certificate_info: IDataObject[] }).certificate_info;
export const LEAF = completed.certificate as string;
export const INTERMEDIATE = certificates[0].certificate as string;
export const ROOT = certificates[1].certificate as string;
const DNS_STRING = '202403121045123abcdef0123456789abcdef0123456789abcdef01234567';
const INVITE = 'https://api2.servertastic.com/token/8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b';

const EMPTY_CONTACT = { title: null, firstName: null, lastName: null, phone: null, email: null };
const NO_ORGANISATION = { name: null, division: null, city: null, region: null, country: null };
const ALEX = {
	title: 'Mr',
	firstName: 'Alex',
	lastName: 'Smith',
	phone: '+44 1234 567890',
	email: 'alex.smith@example.com',
};
const SAM = {
	title: 'Ms',
	firstName: 'Sam',
	lastName: 'Jones',
	phone: '+44 1234 567891',
	email: 'sam.jones@example.com',
};
const PLACED = { timestamp: '2024-03-12T10:45:12Z', eventId: '1', eventName: 'Order Placed' };
const EMAILED = {
	timestamp: '2024-03-12T10:46:02Z',
	eventId: '2',
	eventName: 'Approver Email Sent',
};
const DONE = { timestamp: '2024-03-12T11:02:40Z', eventId: '3', eventName: 'Order Completed' };
const WAITING = 'Waiting for the approver to approve the order';

/** Every key of a tidy order, as a fresh token gives them. */
const FRESH: IDataObject = {
	orderToken: TOKEN,
	resellerOrderId: 'STR_1_202403121045',
	resellerReference: null,
	providerOrderId: null,
	status: 'Order Placed',
	statusInfo: null,
	isPlaced: false,
	isIssued: false,
	productCode: 'RapidSSL-12',
	domain: null,
	sanDomains: [],
	sanCount: 0,
	serverCount: null,
	inviteUrl: null,
	endCustomerEmail: 'customer@example.com',
	organisation: NO_ORGANISATION,
	adminContact: EMPTY_CONTACT,
	techContact: EMPTY_CONTACT,
	approverEmail: null,
	approverNotifiedDate: null,
	validation: null,
	certificate: null,
	chain: null,
	intermediateCertificates: [],
	rootCertificate: null,
	reissuedCertificates: [],
	pkcs7: null,
	expiryDate: null,
	orderDate: null,
	modifiedDate: null,
	modifications: [],
	licenses: [],
};

/** A placed RapidSSL order for www.example.com waiting for its approver. */
const AWAITING: IDataObject = {
	...FRESH,
	providerOrderId: '48213377',
	status: 'Awaiting Customer Verification',
	statusInfo: WAITING,
	isPlaced: true,
	domain: 'www.example.com',
	inviteUrl: INVITE,
	adminContact: ALEX,
	techContact: SAM,
	approverEmail: 'admin@example.com',
	approverNotifiedDate: '2024-03-12T10:46:02Z',
	modifiedDate: '2024-03-12T10:46:02Z',
	modifications: [PLACED, EMAILED],
};

const ISSUED: IDataObject = {
	...AWAITING,
	status: 'Completed',
	statusInfo: null,
	isIssued: true,
	certificate: LEAF,
	chain: INTERMEDIATE,
	intermediateCertificates: [INTERMEDIATE],
	rootCertificate: ROOT,
	expiryDate: '2025-03-12T23:59:59Z',
	modifiedDate: '2024-03-12T11:02:40Z',
	modifications: [PLACED, EMAILED, DONE],
	reissuedCertificates: [
		{ hash: 'SHA-256', encryption: 'RSA', certificate: LEAF },
		{ hash: 'SHA-256', encryption: 'ECC', certificate: LEAF },
	],
};

/** Order → Get adds the validation handed on: no fixture has file validation; placed-dns has the record. */
export const handedOn = (order: IDataObject): IDataObject => ({
	...order,
	validationFile: null,
	dnsRecord: (order.validation as IDataObject | null)?.dnsRecord ?? null,
});

/** Order → Get, per order/review case. */
export const REVIEW: Record<string, IDataObject> = {
	'fresh-token': FRESH,
	completed: ISSUED,
	'completed-pkcs7': {
		...ISSUED,
		pkcs7: (fixture('order/review', 'completed-pkcs7') as IDataObject).pkcs7,
	},
	'completed-one-each': {
		...ISSUED,
		rootCertificate: null,
		modifications: [DONE],
		reissuedCertificates: [{ hash: 'SHA-256', encryption: 'RSA', certificate: LEAF }],
	},
	'additional-sans': {
		...AWAITING,
		productCode: 'QuickSSLPremiumMD-12',
		sanCount: 4,
		sanDomains: ['shop.example.com', 'mail.example.com', 'blog.example.com', 'api.example.com'],
	},
	'placed-awaiting-email': AWAITING,
	'placed-dns': {
		...AWAITING,
		approverEmail: null,
		approverNotifiedDate: null,
		modifiedDate: '2024-03-12T10:45:12Z',
		modifications: [PLACED],
		validation: {
			method: 'DNS',
			approverEmail: null,
			dnsRecord: { name: 'www.example.com', type: 'TXT', value: DNS_STRING },
			file: null,
			instructions: `Create a DNS TXT record named www.example.com with the value ${DNS_STRING}.`,
		},
	},
	'placed-status-order-placed': {
		...AWAITING,
		providerOrderId: null,
		status: 'Order Placed',
		statusInfo: null,
		approverNotifiedDate: null,
		modifiedDate: '2024-03-12T10:45:12Z',
		modifications: [PLACED],
	},
	ov: {
		...AWAITING,
		productCode: 'SecureSite-12',
		status: 'Awaiting Provider Approval',
		statusInfo: 'Organisation validation in progress',
		organisation: {
			name: 'Example Ltd',
			division: 'IT',
			city: 'London',
			region: 'Greater London',
			country: 'GB',
		},
		approverEmail: null,
		approverNotifiedDate: null,
		serverCount: 1,
	},
	smartertools: {
		...FRESH,
		resellerOrderId: 'STR_1_202403121102',
		providerOrderId: '77120934',
		productCode: 'SmarterMailPro-250',
		status: 'Completed',
		isPlaced: true,
		sanCount: null,
		endCustomerEmail: null,
		licenses: [
			{ productName: 'SmarterMail Pro - 250 Mailboxes', licenseKey: 'SMP250-FAKE-0001-ABCD' },
		],
	},
};

/** The two records of order/modifiedorders, as tidy orders: no token (the answer has none), no chain. */
export const MODIFIED_ISSUED: IDataObject = {
	...ISSUED,
	orderToken: null,
	chain: null,
	intermediateCertificates: [],
	rootCertificate: null,
	reissuedCertificates: [],
};
export const MODIFIED_WAITING: IDataObject = {
	...AWAITING,
	orderToken: null,
	resellerOrderId: 'STR_1_202403121130',
	providerOrderId: '48213401',
	domain: 'shop.example.org',
	approverEmail: 'admin@example.org',
};
const MODIFIED_ONE: IDataObject = {
	...MODIFIED_WAITING,
	modifiedDate: '2024-03-12T10:45:12Z',
	modifications: [PLACED],
};

const checked = (order: IDataObject) => ({ ...order, checkedAt: '2024-03-12T11:05:00Z' });
/** Get Many Modified (and the trigger's records), per case: oldest change first for the trigger. */
export const MODIFIED: Record<string, IDataObject[]> = {
	'': [MODIFIED_ISSUED, MODIFIED_WAITING],
	'one-order': [MODIFIED_ONE],
	none: [],
};
export const GET_MANY_MODIFIED: Record<string, IDataObject[]> = Object.fromEntries(
	Object.entries(MODIFIED).map(([caseName, orders]) => [caseName, orders.map(checked)]),
);

const expiringOrder = (
	id: string,
	date: string,
	domain: string,
	points: number,
	expiry: string,
	code: string,
	days: number,
) => ({
	resellerOrderId: id,
	status: 'Completed',
	productCode: code,
	domain,
	orderDate: date,
	expiryDate: expiry,
	points,
	daysRemaining: days,
});
/** Get Many Expiring, per case; the days counted from NOW (the API sends none). */
export const EXPIRING: Record<string, IDataObject[]> = {
	'': [
		expiringOrder(
			'STR_1_202304021410',
			'2023-04-02T14:10:33Z',
			'www.example.com',
			10,
			'2024-04-02T23:59:59Z',
			'RapidSSL-12',
			22,
		),
		expiringOrder(
			'STR_1_202304150902',
			'2023-04-15T09:02:11Z',
			'shop.example.org',
			45,
			'2024-04-15T23:59:59Z',
			'QuickSSLPremium-12',
			35,
		),
	],
	'one-order': [
		expiringOrder(
			'STR_1_202304021410',
			'2023-04-02T14:10:33Z',
			'www.example.com',
			10,
			'2024-04-02T23:59:59Z',
			'RapidSSL-12',
			22,
		),
	],
	none: [],
};

const token = (orderToken: string, resellerReference: string, used: boolean) => ({
	orderToken,
	resellerReference,
	used,
});
const UNUSED = [
	token('5f2b7c9e1a3d4f60b8c2e4a6d8f0b1c3', 'ref-2024-0007', false),
	token('c4a9e2f7b1d8063e5a2c9f4b7e1d8a60', 'ref-2024-0008', false),
];
/** Get Many Tokens (Which: All), per case. */
export const TOKENS: Record<string, IDataObject[]> = {
	'': [
		...UNUSED,
		token('8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b', 'ref-2024-0001', true),
		token('1b7e4a9c2f5d8e0a3c6f9b2e5d8a1c47', 'ref-2024-0002', true),
	],
	'none-used': UNUSED,
	'one-each': [UNUSED[0], token('8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b', 'ref-2024-0001', true)],
	none: [],
};

const accountOrder = (
	id: string,
	status: string,
	date: string,
	domain: string,
	points: number,
	expiry: string | null,
	code: string,
) => ({
	resellerOrderId: id,
	status,
	productCode: code,
	domain,
	orderDate: date,
	expiryDate: expiry,
	points,
});
const ACTIVE = [
	accountOrder(
		'STR_1_202403121045',
		'Awaiting Customer Verification',
		'2024-03-12T10:45:12Z',
		'www.example.com',
		10,
		null,
		'RapidSSL-12',
	),
	accountOrder(
		'STR_1_202403121130',
		'Order Placed',
		'2024-03-12T11:30:05Z',
		'shop.example.org',
		45,
		null,
		'QuickSSLPremium-12',
	),
];
const COMPLETED = [
	accountOrder(
		'STR_1_202304021410',
		'Completed',
		'2023-04-02T14:10:33Z',
		'www.example.com',
		10,
		'2024-04-02T23:59:59Z',
		'RapidSSL-12',
	),
	accountOrder(
		'STR_1_202304150902',
		'Completed',
		'2023-04-15T09:02:11Z',
		'shop.example.org',
		45,
		'2024-04-15T23:59:59Z',
		'QuickSSLPremium-12',
	),
];
const account = (points: number, activeOrders: IDataObject[], completedOrders: IDataObject[]) => ({
	points,
	activeOrderCount: activeOrders.length,
	completedOrderCount: completedOrders.length,
	activeOrders,
	completedOrders,
});
/** Account → Get, per case. */
export const ACCOUNT: Record<string, IDataObject> = {
	'': account(4820, ACTIVE, COMPLETED),
	'no-orders': account(0, [], []),
	'one-each': account(4820, [ACTIVE[0]], [COMPLETED[0]]),
};

const DEPOSIT = {
	date: '2024-03-01T09:00:00Z',
	points: 5000,
	balance: 5000,
	description: 'Points Deposit',
	orderDate: null,
	orderReference: null,
	orderToken: null,
	notes: null,
};
const audit = (
	date: string,
	points: number,
	balance: number,
	description: string,
	notes: string | null,
) => ({
	date,
	points,
	balance,
	description,
	orderDate: '2024-03-12T10:45:12Z',
	orderReference: 'STR_1_202403121045',
	orderToken: '8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b',
	notes,
});
/** Account → Get Points Audit, per case. */
export const POINTS_AUDIT: Record<string, IDataObject[]> = {
	'': [
		DEPOSIT,
		audit('2024-03-12T10:45:12Z', -10, 4990, 'Placed order', null),
		audit('2024-03-12T12:00:00Z', 10, 5000, 'Cancelled order', 'Cancelled by reseller'),
	],
	'one-record': [DEPOSIT],
};

const product = (
	code: string,
	name: string,
	html: string,
	level: string,
	min: number,
	max: number,
	points: number,
) => ({
	productCode: code,
	name,
	description: html,
	validationLevel: level,
	minSanCount: min,
	maxSanCount: max,
	maxServerCount: 0,
	points,
	baseSanPoints: 0,
});
const RAPID = product(
	'RapidSSL-12',
	'RapidSSL - 1 Years',
	'<p>Domain validated certificate.</p>',
	'DV',
	0,
	0,
	10,
);
/** Product → Get Many (All), per case. */
export const PRODUCTS: Record<string, IDataObject[]> = {
	'': [
		RAPID,
		product(
			'QuickSSLPremiumMD-12',
			'QuickSSL Premium Multi Domain - 1 Years',
			'<p>Multi domain, four SANs included.</p>',
			'DV',
			4,
			4,
			120,
		),
		product(
			'TrueBizID-12',
			'True BusinessID - 1 Years',
			'<p>Organisation validated certificate.</p>',
			'OV',
			0,
			0,
			95,
		),
	],
	'one-product': [RAPID],
};
