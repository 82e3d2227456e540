import {
	decideModifiedEvent,
	type ReviewFacts,
} from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedDecision';
import type { Candidate } from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedPoll';
import { NOW, order } from '../../../support/triggerOrders';

const issuedFacts = (id = 'cert-1', notBefore = '2026-05-01T11:59:00.000Z'): ReviewFacts => ({
	status: 'Completed',
	hasCertificate: true,
	certificateId: id,
	notBefore,
});
const noCertificate: ReviewFacts = {
	status: 'Completed',
	hasCertificate: false,
	certificateId: null,
	notBefore: null,
};

describe('deciding an event after the review', () => {
	const context = { baselineAt: '2026-05-01 10:00:00', now: NOW };
	const candidate = (
		previous: Candidate['previous'],
		modified = '2026-05-01 11:00:00',
	): Candidate => ({
		order: order('t', 'Completed', modified),
		previous,
	});
	const placed = { status: 'Order Placed', modified: '2026-05-01 09:00:00', certificateId: null };

	it('fires when an order the trigger knew reaches Completed with a certificate', () => {
		expect(
			decideModifiedEvent('certificateIssued', candidate(placed), issuedFacts(), context),
		).toBe('fire');
	});

	it('waits while the review has not caught up (no certificate, or another status) for a while, then decides', () => {
		const fresh = candidate(placed, '2026-05-01 11:50:00');
		expect(decideModifiedEvent('certificateIssued', fresh, noCertificate, context)).toBe('defer');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				fresh,
				{ ...issuedFacts(), status: 'Queued' },
				context,
			),
		).toBe('defer');
		const old = candidate(placed, '2026-05-01 11:00:00');
		expect(decideModifiedEvent('certificateIssued', old, noCertificate, context)).toBe('fire');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				old,
				{ ...noCertificate, status: 'Cancelled' },
				context,
			),
		).toBe('skip');
	});

	it('an order never seen: fires unless its certificate is older than the baseline (an old order touched again)', () => {
		expect(decideModifiedEvent('certificateIssued', candidate(null), issuedFacts(), context)).toBe(
			'fire',
		);
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(null),
				issuedFacts('c', '2026-04-29T11:00:00.000Z'),
				context,
			),
		).toBe('fire');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(null),
				issuedFacts('c', '2026-04-29T09:00:00.000Z'),
				context,
			),
		).toBe('skip');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(null),
				issuedFacts('c', null as unknown as string),
				context,
			),
		).toBe('fire');
	});

	it('an order already Completed and changed again fires only for another certificate (a reissue)', () => {
		const completed = {
			status: 'Completed',
			modified: '2026-05-01 10:30:00',
			certificateId: 'cert-1',
		};
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(completed),
				issuedFacts('cert-1'),
				context,
			),
		).toBe('skip');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(completed),
				issuedFacts('cert-2'),
				context,
			),
		).toBe('fire');
		const noId = { ...completed, certificateId: null };
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(noId),
				issuedFacts('x', '2026-05-01T10:00:00.000Z'),
				context,
			),
		).toBe('skip');
		expect(
			decideModifiedEvent(
				'certificateIssued',
				candidate(noId),
				issuedFacts('x', '2026-05-01T10:45:00.000Z'),
				context,
			),
		).toBe('fire');
	});

	it('Order Status Changed fires, except for an old completed order it had never seen', () => {
		const c = { order: order('t', 'Queued', '2026-05-01 11:00:00'), previous: null };
		expect(
			decideModifiedEvent('orderStatusChanged', c, { ...noCertificate, status: 'Queued' }, context),
		).toBe('fire');
		expect(
			decideModifiedEvent(
				'orderStatusChanged',
				candidate(null),
				issuedFacts('c', '2026-01-01T00:00:00.000Z'),
				context,
			),
		).toBe('skip');
		expect(
			decideModifiedEvent('orderStatusChanged', candidate(placed), issuedFacts(), context),
		).toBe('fire');
	});
});
