// The account and its orders: balance, audit trail, tokens and the order life cycle.
import { createHash, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ApiError, ErrorCode, badState, invalid } from './errors';
import { stripWildcard } from './domains';
import { chainNames, findProduct, orderCost } from './products';
import type { Product } from './products';
import { csrPublicKey, issueLeaf, makeAuthority, newKeyPair, pkcs7, toPem } from './x509';
import type { Authority } from './x509';
import type { FileCheck } from './fileCheck';

// The documented statuses (DOC api2.md:586-596). A fresh token is already `Order Placed`, the first
// of them: `placedAt` tells the simulator whether place has taken effect.
export type OrderStatus =
	| 'Order Placed'
	| 'Awaiting Customer Verification'
	| 'Awaiting Provider Approval'
	| 'Queued'
	| 'Completed'
	| 'Cancelled'
	| 'Roll Back'
	| 'Servertastic Review';

export interface Contact {
	[field: string]: string;
}

export interface CaCert {
	type: 'INTERMEDIATE' | 'ROOT';
	certificate: string;
}

export interface OrderState {
	orderToken: string;
	resellerOrderId: string;
	productCode: string;
	sanCount: number;
	serverCount: number;
	endCustomerEmail: string;
	resellerUniqueReference: string;
	status: OrderStatus;
	createdAt: Date;
	modifiedAt: Date;
	placedAt?: Date;
	completedAt?: Date;
	/** Points taken at `place`, refunded by `cancel`. */
	pointsSpent: number;
	/** How many `place` calls took effect on this token (the ledger: more than 1 is a double order). */
	placements: number;
	/** Everything `place` received, for assertions. */
	placeParams?: Record<string, string>;
	domainName?: string;
	sanDomains: string[];
	excludeAddon: boolean;
	csr?: string;
	/** Set when `place` had no CSR and the simulator generated the key pair. */
	privateKey?: string;
	dvAuthMethod?: string;
	approverEmail?: string;
	dnsName?: string;
	dnsType?: 'TXT' | 'CNAME';
	dnsString?: string;
	fileName?: string;
	fileContents?: string;
	/** The last real file check (settings.fileValidation), and when the file first matched. */
	fileCheck?: FileCheck;
	fileValidatedAt?: Date;
	intermediateCa?: string;
	techContact?: Contact;
	adminContact?: Contact;
	organisation?: Contact;
	certificate?: string;
	caCerts?: CaCert[];
	pkcs7?: string;
	expiryDate?: Date;
	hashingAlgorithm?: string;
	/** The CA's order number: set when the order first moves on (a guess: no source says when). */
	providerOrderId?: string;
	/** When the approver email went out: place with EMAIL, changeapproveremail, resendemail. */
	approverNotifiedAt?: Date;
	/** Points the order costs, kept after a refund for the order records (`order_points`). */
	orderPoints: number;
	/** Every certificate issued for this order, oldest first (`reissued_certificates`). */
	issued: IssuedCertificate[];
	modifications: Modification[];
}

export interface Modification {
	date: Date;
	eventId: number;
	eventName: string;
}

export interface IssuedCertificate {
	hash: string;
	encryption: string;
	certificate: string;
}

export interface AuditEntry {
	date: Date;
	points: number;
	balance: number;
	description: string;
	resellerOrderId?: string;
	/** The order the entry is about, for pointsaudit's OrderDate, OrderReference and OrderToken. */
	order?: OrderState;
}

/** Certificate life since the CA/Browser Forum cap of 2026-02-24. */
export const CERT_DAYS = 199;
const DAY_MS = 24 * 3600 * 1000;

/** The statuses of an order that place has taken effect on and that is not finished yet. */
export const PENDING_STATUSES: readonly OrderStatus[] = [
	'Order Placed',
	'Awaiting Customer Verification',
	'Awaiting Provider Approval',
	'Queued',
	'Servertastic Review',
];

/** Place may use the token: never placed, or rolled back ("needs to be placed again"). */
export const isPlaceable = (order: OrderState): boolean =>
	order.status !== 'Cancelled' && (order.placedAt === undefined || order.status === 'Roll Back');

/** Place has taken effect and the order is still on its way (not rolled back, done or cancelled). */
export const isPending = (order: OrderState): boolean =>
	order.placedAt !== undefined && PENDING_STATUSES.includes(order.status);

/** 'YYYY-MM-DD HH:MM:SS', GMT: the API's date format. */
export function formatDate(d: Date): string {
	return d.toISOString().replace('T', ' ').slice(0, 19);
}

export interface NewToken {
	productCode: string;
	sanCount?: number;
	serverCount?: number;
	email?: string;
	reference?: string;
}

export class Account {
	balance: number;
	readonly audit: AuditEntry[] = [];
	readonly orders = new Map<string, OrderState>();
	private readonly references = new Set<string>();
	private sequence = 0;
	private events = 0;
	// Keyed by CA name, shared by all orders so chains stay consistent within a run.
	private readonly authorities = new Map<string, Authority>();

	constructor(
		public apiKey: string,
		openingPoints: number,
		readonly now: () => Date,
	) {
		this.balance = 0;
		this.adjust(openingPoints, 'Opening balance');
	}

	adjust(points: number, description: string, order?: OrderState): void {
		this.balance += points;
		this.audit.push({
			date: this.now(),
			points,
			balance: this.balance,
			description,
			resellerOrderId: order?.resellerOrderId,
			order,
		});
	}

	product(order: OrderState): Product {
		// Tokens are only created for known products.
		return findProduct(order.productCode)!;
	}

	createToken(spec: NewToken): OrderState {
		const product = findProduct(spec.productCode);
		if (!product) throw invalid(`Invalid st_product_code ${spec.productCode}`);
		const sanCount = spec.sanCount ?? product.minSanCount;
		const serverCount = spec.serverCount ?? 1;
		if (
			!Number.isInteger(sanCount) ||
			sanCount < product.minSanCount ||
			sanCount > product.maxSanCount
		) {
			throw invalid(
				`san_count must be between ${product.minSanCount} and ${product.maxSanCount} for ${product.code}`,
			);
		}
		if (!Number.isInteger(serverCount) || serverCount < 1 || serverCount > product.maxServerCount) {
			throw invalid(
				`server_count must be between 1 and ${product.maxServerCount} for ${product.code}`,
			);
		}
		const reference = spec.reference ?? `SIM-${this.sequence + 1}`;
		if (reference.length > 35)
			throw invalid('reseller_unique_reference must be at most 35 characters');
		if (this.references.has(reference)) {
			throw new ApiError(
				ErrorCode.DuplicateReference,
				`reseller_unique_reference ${reference} has already been used`,
			);
		}
		this.references.add(reference);
		this.sequence += 1;
		const now = this.now();
		const order: OrderState = {
			orderToken: randomBytes(16).toString('hex'),
			resellerOrderId: `ST${100000 + this.sequence}`,
			productCode: product.code,
			sanCount,
			serverCount,
			endCustomerEmail: spec.email ?? 'customer@example.com',
			resellerUniqueReference: reference,
			status: 'Order Placed',
			createdAt: now,
			modifiedAt: now,
			pointsSpent: 0,
			orderPoints: orderCost(product, sanCount),
			issued: [],
			placements: 0,
			sanDomains: [],
			excludeAddon: false,
			modifications: [],
		};
		// No modification yet: no source shows what a fresh token carries (the fixture has none).
		this.orders.set(order.orderToken, order);
		return order;
	}

	/** Records a modification; the event names are guesses except `Order Completed` (STC reads it). */
	touch(order: OrderState, eventName: string): void {
		order.modifiedAt = this.now();
		this.events += 1;
		order.modifications.push({ date: order.modifiedAt, eventId: this.events, eventName });
	}

	setStatus(order: OrderState, status: OrderStatus): void {
		order.status = status;
		// STC classes/STOrderManager.php:432-435 looks for `Order Completed` to allow a cancel.
		const names: Partial<Record<OrderStatus, string>> = {
			'Order Placed': 'Order Placed',
			Completed: 'Order Completed',
			Cancelled: 'Order Cancelled',
		};
		this.touch(order, names[status] ?? `Status changed to ${status}`);
	}

	/** Fresh DCV data for the order's method (DigiCert style or Sectigo style). */
	setDcv(order: OrderState): void {
		const domain = stripWildcard(order.domainName ?? '');
		const sectigo = this.product(order).supplier === 'Sectigo';
		const token = randomBytes(16).toString('hex');
		const md5 = createHash('md5').update(token).digest('hex').toUpperCase();
		const sha = createHash('sha256').update(token).digest('hex');
		order.dnsName =
			order.dnsType =
			order.dnsString =
			order.fileName =
			order.fileContents =
				undefined;
		// A new file (reissue, a changed method) must be checked again.
		order.fileCheck = order.fileValidatedAt = undefined;
		if (order.dvAuthMethod === 'DNS') {
			order.dnsType = sectigo ? 'CNAME' : 'TXT';
			// DOC api2.md:182: "a TXT record on the domain". Sectigo's CNAME name is a guess.
			order.dnsName = sectigo ? `_${md5}.${domain}` : domain;
			order.dnsString = sectigo ? `${sha.slice(0, 32)}.${sha.slice(32)}.sectigo.com` : token;
		} else if (order.dvAuthMethod === 'FILE' || order.dvAuthMethod === 'SFILE') {
			order.fileName = `/.well-known/pki-validation/${sectigo ? `${md5}.txt` : 'fileauth.txt'}`;
			order.fileContents = sectigo ? `${sha}\nsectigo.com\n${token.slice(0, 20)}` : token;
		}
	}

	/** The certificate's DNS names: CN, SANs and the free www/base-domain add-on unless excluded. */
	dnsNames(order: OrderState): string[] {
		const cn = order.domainName ?? '';
		const names = [cn];
		if (!order.excludeAddon && !cn.startsWith('*.') && order.sanCount === 0) {
			names.push(cn.startsWith('www.') ? cn.slice(4) : `www.${cn}`);
		}
		for (const san of order.sanDomains) if (!names.includes(san)) names.push(san);
		return names;
	}

	private authority(name: string, parent?: Authority): Authority {
		let ca = this.authorities.get(name);
		if (!ca) {
			ca = makeAuthority(name, parent);
			this.authorities.set(name, ca);
		}
		return ca;
	}

	/** Issues a real certificate for the CSR's key (or the generated one) under a simulator chain. */
	issue(order: OrderState): void {
		const names = chainNames(this.product(order), order.intermediateCa);
		const root = this.authority(names.root);
		const intermediate = this.authority(names.intermediate, root);
		const publicKey: KeyObject = (order.csr && csrPublicKey(order.csr)) || newKeyPair().publicKey;
		const now = this.now();
		order.completedAt = now;
		order.expiryDate = new Date(now.getTime() + CERT_DAYS * DAY_MS);
		const leaf = issueLeaf(
			intermediate,
			order.domainName ?? 'example.com',
			this.dnsNames(order),
			publicKey,
			new Date(now.getTime() - 60_000),
			order.expiryDate,
		);
		order.certificate = toPem('CERTIFICATE', leaf);
		order.caCerts = [
			{ type: 'INTERMEDIATE', certificate: toPem('CERTIFICATE', intermediate.der) },
			{ type: 'ROOT', certificate: toPem('CERTIFICATE', root.der) },
		];
		order.pkcs7 = pkcs7([leaf, intermediate.der]);
		order.issued.push({
			hash: order.hashingAlgorithm ?? 'SHA-256',
			encryption: 'ECC',
			certificate: order.certificate,
		});
	}

	/** Order Placed -> Awaiting Customer Verification -> Completed, as the test API's advanceorder. */
	advance(order: OrderState): OrderStatus {
		if (order.placedAt === undefined) throw badState('Order has not been placed yet');
		order.providerOrderId ??= String(90000000 + Number(order.resellerOrderId.replace(/\D/g, '')));
		if (order.status === 'Order Placed') {
			this.setStatus(order, 'Awaiting Customer Verification');
		} else if (PENDING_STATUSES.includes(order.status)) {
			this.issue(order);
			this.setStatus(order, 'Completed');
		} else {
			throw badState(`Order cannot be advanced from status ${order.status}`);
		}
		return order.status;
	}

	cancel(order: OrderState): number {
		if (order.status === 'Cancelled') throw badState('Order has already been cancelled');
		const now = this.now().getTime();
		if (
			order.status === 'Completed' &&
			order.completedAt &&
			now - order.completedAt.getTime() > 30 * DAY_MS
		) {
			throw badState('Orders can only be cancelled within 30 days of issue');
		}
		const refund = order.pointsSpent;
		if (refund > 0)
			this.adjust(refund, `Refund for cancelled order ${order.resellerOrderId}`, order);
		order.pointsSpent = 0;
		this.setStatus(order, 'Cancelled');
		return refund;
	}

	/** Placement failed at the CA: the token may be placed again, points come back. */
	rollBack(order: OrderState): void {
		if (!isPending(order)) throw badState(`Order cannot be rolled back from ${order.status}`);
		if (order.pointsSpent > 0)
			this.adjust(
				order.pointsSpent,
				`Refund for rolled back order ${order.resellerOrderId}`,
				order,
			);
		order.pointsSpent = 0;
		this.setStatus(order, 'Roll Back');
	}
}
